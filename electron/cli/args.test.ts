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
