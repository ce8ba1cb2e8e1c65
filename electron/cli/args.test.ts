import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args.js';

const parse = (...argv: string[]) => parseCommand(argv, '/work');

describe('parseCommand', () => {
  it('reads DESIGN flags, resolving folders against the current folder', () => {
    expect(parse('build', 'game', '--platform', 'alipay', '--out', 'dist/x', '--no-md5-cache', '--remote-url', 'https://a.b/', '--json')).toMatchObject({
      name: 'build',
      dir: '/work/game',
      platform: 'alipay',
      out: '/work/dist/x',
      md5Cache: false,
      remoteUrl: 'https://a.b/',
      json: true,
      watch: false,
    });
    expect(parse('serve-remote', '--port', '8080')).toMatchObject({ name: 'serve-remote', dir: undefined, port: 8080 });
    expect(parse('upload', '.', '--version', '1.0.0', '--desc', 'first')).toMatchObject({ version: '1.0.0', desc: 'first', dir: '/work' });
    expect(parse('--help')).toBe('help');
    expect(parse('build', '-h')).toBe('help');
  });

  it('reads the upload key and robot of a headless WeChat preview or upload', () => {
    expect(parse('upload', 'game', '--platform', 'wechat', '--private-key', 'keys/private.key', '--robot', '3', '--version', '1.0.0'))
      .toMatchObject({ name: 'upload', privateKey: '/work/keys/private.key', robot: 3, version: '1.0.0' });
    expect(parse('preview', '--private-key', 'k.key')).toMatchObject({ name: 'preview', privateKey: '/work/k.key', robot: undefined });
    expect(() => parse('upload', '--private-key', 'k.key', '--robot', '31')).toThrow(/--robot must be a whole number from 1 to 30 \(got "31"\)/);
    expect(() => parse('upload', '--platform', 'alipay', '--private-key', 'k.key')).toThrow(/--private-key is for --platform wechat/);
    expect(() => parse('play', '--private-key', 'k.key')).toThrow(/--private-key is not an option of "play"/);
  });

  it('reads the identity key of a headless Alipay preview or upload, and keeps each key flag to its platform', () => {
    expect(parse('upload', 'game', '--platform', 'alipay', '--identity-key-path', 'keys/identity.json', '--version', '1.0.0'))
      .toMatchObject({ name: 'upload', identityKeyPath: '/work/keys/identity.json', privateKey: undefined });
    expect(parse('preview', '--identity-key-path', 'id.json')).toMatchObject({ identityKeyPath: '/work/id.json' });
    expect(() => parse('upload', '--platform', 'wechat', '--identity-key-path', 'id.json')).toThrow(/--identity-key-path is for --platform alipay/);
    expect(() => parse('upload', '--platform', 'alipay', '--identity-key-path', 'id.json', '--robot', '2')).toThrow(/--robot is for --platform wechat/);
    expect(() => parse('upload', '--identity-key-path', '')).toThrow(/--identity-key-path needs a value/);
    expect(() => parse('play', '--identity-key-path', 'id.json')).toThrow(/--identity-key-path is not an option of "play"/);
  });

  it.each([
    [['build', '--bogus'], /Unknown option '--bogus'/],
    [['build', '--platform', 'douyin'], /--platform must be wechat or alipay \(got "douyin"\)/],
    [['report', '--watch'], /--watch is not an option of "report"/],
    [['serve', '--platform', 'wechat'], /--platform is not an option of "serve"/],
    [['build', '--md5-cache', '--no-md5-cache'], /not both/],
    [['serve-remote', '--port', 'x'], /--port must be a whole number/],
    [['build', 'a', 'b'], /takes one folder/],
    [['frob'], /Unknown command "frob"/],
    [[], /Name a command/],
    [['build', '--out'], /argument missing/],
  ])('refuses %j with a hint', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });
});

describe('parseCommand: simulate', () => {
  it('reads its flags, taps in order', () => {
    expect(
      parse('simulate', 'game', '--platform', 'alipay', '--seconds', '2.5', '--device', 'iPad', '--network', '3g', '--storage-quota', '1000', '--screenshot', 'shot.png', '--tap', '10,20', '--tap', '30.5, 40', '--json'),
    ).toMatchObject({
      name: 'simulate',
      dir: '/work/game',
      platform: 'alipay',
      seconds: 2.5,
      device: 'ipad',
      network: '3g',
      storageQuota: 1000,
      screenshot: '/work/shot.png',
      taps: [{ x: 10, y: 20 }, { x: 30.5, y: 40 }],
      json: true,
    });
  });

  it('takes a fakes file (resolved from the working folder) and an independent subpackage to start in', () => {
    expect(parse('simulate', '--fakes', 'test/fakes.json', '--subpackage', 'share')).toMatchObject({ fakes: '/work/test/fakes.json', subpackage: 'share' });
    expect(() => parse('build', '--fakes', 'f.json')).toThrow(/--fakes is not an option of "build"/);
    expect(() => parse('simulate', '--subpackage', '')).toThrow(/--subpackage needs a value/);
  });

  it.each([
    [['simulate', '--seconds', '0'], /--seconds must be a number of seconds above 0/],
    [['simulate', '--device', 'nokia'], /--device must be one of iphone-8, .*\(got "nokia"\)/],
    [['simulate', '--network', '5g'], /--network must be one of wifi, 4g, 3g, offline/],
    [['simulate', '--storage-quota', '1.5'], /--storage-quota must be a whole number of bytes/],
    [['simulate', '--tap', '10'], /--tap takes X,Y/],
    [['simulate', '--screenshot', 'shot.jpg'], /ending in \.png/],
    [['simulate', '--watch'], /--watch is not an option of "simulate"/],
  ])('refuses %j with a hint', (argv, message) => {
    expect(() => parse(...argv)).toThrow(message);
  });
});
