import { describe, expect, it } from 'vitest';
import { escapeArgument, spawnPlan, toolArguments, type ToolArgsInput } from './commands.js';

const OUT = '/Users/李雷/My Games/星星 game/build/wechatgame';
const base: Omit<ToolArgsInput, 'action' | 'platform'> = {
  outDir: OUT,
  appid: '2021000000000000',
  version: '1.2.3',
  description: 'Boss level & new stars',
  qrPath: `${OUT}.preview-qr.png`,
  infoPath: `${OUT}.preview-info.json`,
  idePath: '/Applications/小程序开发者工具.app',
};

describe('toolArguments (SPEC Part 1 table)', () => {
  it('builds the WeChat DevTools v2 command lines, one element per value', () => {
    expect(toolArguments({ ...base, action: 'play', platform: 'wechat' })).toEqual(['open', '--project', OUT]);
    expect(toolArguments({ ...base, action: 'preview', platform: 'wechat' })).toEqual([
      'preview', '--project', OUT, '--qr-format', 'image', '--qr-output', `${OUT}.preview-qr.png`, '--info-output', `${OUT}.preview-info.json`,
    ]);
    expect(toolArguments({ ...base, action: 'upload', platform: 'wechat' })).toEqual([
      'upload', '--project', OUT, '-v', '1.2.3', '-d', 'Boss level & new stars', '--info-output', `${OUT}.preview-info.json`,
    ]);
    expect(toolArguments({ ...base, action: 'login', platform: 'wechat' })).toEqual(['login', '--qr-format', 'image', '--qr-output', `${OUT}.preview-qr.png`]);
  });

  it('builds the minidev command lines, with --game on upload, --app-path only when the IDE is known, and machine output', () => {
    expect(toolArguments({ ...base, action: 'play', platform: 'alipay' })).toEqual(['ide', '-p', OUT, '--app-path', '/Applications/小程序开发者工具.app', '--machine-output']);
    expect(toolArguments({ ...base, idePath: null, action: 'play', platform: 'alipay' })).toEqual(['ide', '-p', OUT, '--machine-output']);
    expect(toolArguments({ ...base, action: 'preview', platform: 'alipay' })).toEqual(['preview', '-a', '2021000000000000', '-p', OUT, '--machine-output']);
    expect(toolArguments({ ...base, action: 'upload', platform: 'alipay' })).toEqual([
      'upload', '-a', '2021000000000000', '-p', OUT, '-v', '1.2.3', '--game', '--version-description', 'Boss level & new stars', '--machine-output',
    ]);
  });

  it('refuses, before minidev starts, a version that is not a.b.c and a description minidev would refuse', () => {
    const upload = (over: Partial<ToolArgsInput>) => () => toolArguments({ ...base, action: 'upload', platform: 'alipay', ...over });
    for (const version of ['1.0', '1.0.0-beta', 'v1.0.0', '01.0.0', '1.0.2147483648']) {
      expect(upload({ version }), version).toThrow(expect.objectContaining({ code: 'TOOL_ARGUMENT', options: expect.objectContaining({ field: 'version' }), message: expect.stringContaining('a.b.c') }));
    }
    // minidev 2.2.5 refuses 200 characters or more (fixtures/minidev/upload-description-too-long).
    expect(upload({ description: '关'.repeat(200) })).toThrow(expect.objectContaining({ options: expect.objectContaining({ field: 'description' }) }));
    expect(upload({ description: '关'.repeat(199), version: '10.0.2147483647' })()).toContain('关'.repeat(199));
  });

  it('refuses an upload without a version, naming the field', () => {
    expect(() => toolArguments({ ...base, version: '', action: 'upload', platform: 'wechat' })).toThrow(/needs a version/);
  });
});

describe('spawnPlan', () => {
  const args = ['open', '--project', 'D:\\我的 游戏\\build\\wechatgame'];

  it('runs a POSIX cli directly: no shell, arguments untouched', () => {
    const cli = '/Applications/wechatwebdevtools.app/Contents/MacOS/cli';
    expect(spawnPlan(cli, args, 'darwin')).toEqual({ file: cli, args, windowsVerbatimArguments: false });
    expect(spawnPlan('/opt/微信 工具/cli', args, 'linux')).toEqual({ file: '/opt/微信 工具/cli', args, windowsVerbatimArguments: false });
  });

  it('runs a Windows .bat through cmd.exe /d /s /c with every element quoted and cmd metacharacters escaped', () => {
    const cli = 'C:\\Program Files (x86)\\Tencent\\微信web开发者工具\\cli.bat';
    const plan = spawnPlan(cli, args, 'win32');
    expect(plan.file).toBe('cmd.exe');
    expect(plan.windowsVerbatimArguments).toBe(true);
    expect(plan.args).toEqual([
      '/d', '/s', '/c',
      '"C:\\Program^ Files^ ^(x86^)\\Tencent\\微信web开发者工具\\cli.bat ^"open^" ^"--project^" ^"D:\\我的^ 游戏\\build\\wechatgame^""',
    ]);
  });

  it('uses ComSpec when the environment names it, and runs a Windows .exe directly', () => {
    expect(spawnPlan('C:\\tools\\cli.bat', ['open'], 'win32', 'C:\\Windows\\System32\\cmd.exe').file).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(spawnPlan('C:\\tools\\minidev.exe', ['ide'], 'win32')).toEqual({ file: 'C:\\tools\\minidev.exe', args: ['ide'], windowsVerbatimArguments: false });
  });

  it('keeps shell characters in a description inert: & | % < > are escaped, so nothing runs', () => {
    const plan = spawnPlan('C:\\t\\cli.bat', ['-d', 'a & del /q * | %PATH% > x'], 'win32');
    expect(plan.args[3]).toBe('"C:\\t\\cli.bat ^"-d^" ^"a^ ^&^ del^ /q^ ^*^ ^|^ ^%PATH^%^ ^>^ x^""');
  });

  it('escapes twice for an npm shim, which hands %* to a second cmd.exe parse', () => {
    const plan = spawnPlan('C:\\game\\node_modules\\.bin\\minidev.cmd', ['ide', '-p', 'C:\\a b'], 'win32');
    expect(plan.args[3]).toBe('"C:\\game\\node_modules\\.bin\\minidev.cmd ^^^"ide^^^" ^^^"-p^^^" ^^^"C:\\a^^^ b^^^""');
  });

  it('refuses a double quote or a line break for a .bat rather than risk it, and allows them elsewhere', () => {
    expect(() => spawnPlan('C:\\t\\cli.bat', ['-d', 'the "boss" level'], 'win32')).toThrow(/double quotes/);
    expect(() => spawnPlan('C:\\t\\cli.bat', ['-d', 'line\r\nbreak'], 'win32')).toThrow(/line breaks/);
    expect(spawnPlan('/t/cli', ['-d', 'the "boss" level'], 'linux').args).toEqual(['-d', 'the "boss" level']);
  });

  it('builds the whole Windows command line for Preview and Upload from the argv', () => {
    const out = 'D:\\我的 游戏\\build\\wechatgame';
    const cli = 'C:\\Program Files\\Tencent\\微信开发者工具\\cli.bat';
    const input = { ...base, outDir: out, qrPath: `${out}.preview-qr.png`, infoPath: `${out}.preview-info.json`, description: '修复 boss' };
    const line = (action: 'preview' | 'upload') => spawnPlan(cli, toolArguments({ ...input, action, platform: 'wechat' }), 'win32').args[3];
    const o = 'D:\\我的^ 游戏\\build\\wechatgame';
    const c = 'C:\\Program^ Files\\Tencent\\微信开发者工具\\cli.bat';
    expect(line('preview')).toBe(
      `"${c} ^"preview^" ^"--project^" ^"${o}^" ^"--qr-format^" ^"image^" ^"--qr-output^" ^"${o}.preview-qr.png^" ^"--info-output^" ^"${o}.preview-info.json^""`,
    );
    expect(line('upload')).toBe(
      `"${c} ^"upload^" ^"--project^" ^"${o}^" ^"-v^" ^"1.2.3^" ^"-d^" ^"修复^ boss^" ^"--info-output^" ^"${o}.preview-info.json^""`,
    );
  });

  it('quotes trailing backslashes so the closing quote survives', () => {
    expect(escapeArgument('C:\\out dir\\')).toBe('^"C:\\out^ dir\\\\^"');
  });
});
