import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { announcesPortClosed, classifyRun, failureInLine, failureMessage, type RunOutcome } from './failures.js';
import { MINIDEV_FIXTURES } from './fixtures/fake-tools.js';

/** The lines of a minidev 2.2.5 capture (stdout, then stderr), as the runner would have kept them. */
const captured = (name: string): string[] =>
  ['stdout', 'stderr'].flatMap((stream) => readFileSync(join(MINIDEV_FIXTURES, `${name}.${stream}`), 'utf8').split('\n')).filter((l) => l.trim() !== '');

const outcome = (over: Partial<RunOutcome>): RunOutcome => ({
  exitCode: 1, timedOut: false, cancelled: false, startError: null, seen: null, lines: [], timeoutMs: 1000, ...over,
});

describe('reading the tools’ output', () => {
  it('recognises a closed service port in English and Chinese, and stops only on the words of the prompt', () => {
    expect(failureInLine("[error] { code: 10, message: '请先打开工具的服务端口' }", 'wechat')).toBe('port-closed');
    expect(failureInLine('工具的服务端口已关闭。要使用命令行调用工具，请在下方输入 y 以确认开启', 'wechat')).toBe('port-closed');
    expect(announcesPortClosed('IDE service port disabled. To use CLI Call, please enter y')).toBe(true);
    expect(announcesPortClosed('✔ IDE server has started, listening on http://127.0.0.1:41235 (service port)')).toBe(false);
  });

  it('tells a DevTools that is still starting from one whose service port is off', () => {
    expect(failureInLine('#initialize-error: wait IDE port timeout', 'wechat')).toBe('tool-starting');
    expect(failureInLine('IDE may already started at port 41235, trying to connect', 'wechat')).toBe('tool-starting');
    // Neither stops a run: DevTools may still come up and finish the command.
    expect(announcesPortClosed('#initialize-error: wait IDE port timeout')).toBe(false);
  });

  it('recognises a missing login from both tools', () => {
    expect(failureInLine("message: 'Error: 需要重新登录 (code 10)'", 'wechat')).toBe('not-logged-in');
    expect(failureInLine('Error: need to login first', 'wechat')).toBe('not-logged-in');
    expect(failureInLine('Error: 请先登录 (minidev login)', 'alipay')).toBe('not-logged-in');
    expect(failureInLine('✔ preview', 'wechat')).toBeNull();
  });

  it('trusts a clean exit, and reads the output only when the run failed', () => {
    expect(classifyRun('wechat', outcome({ exitCode: 0, lines: ['tip: the service port is 41235'] }))).toBeNull();
    expect(classifyRun('wechat', outcome({ exitCode: 0, lines: ['需要重新登录'] }), false)).toBe('not-logged-in');
    expect(classifyRun('wechat', outcome({ exitCode: 255, lines: ['something else'] }))).toBe('exit');
    expect(classifyRun('wechat', outcome({ exitCode: null, startError: 'EACCES' }))).toBe('not-executable');
    expect(classifyRun('wechat', outcome({ exitCode: null, cancelled: true, timedOut: true }))).toBe('cancelled');
    expect(classifyRun('wechat', outcome({ exitCode: null, timedOut: true }))).toBe('timeout');
  });
});

describe("minidev's real output (captures of minidev 2.2.5, offline, not logged in)", () => {
  const run = (name: string) => outcome({ exitCode: 255, lines: captured(name) });
  const message = (name: string, action: 'preview' | 'upload' | 'play' | 'login' = 'upload') =>
    failureMessage(classifyRun('alipay', run(name)) ?? 'exit', { platform: 'alipay', action, cli: 'minidev', outcome: run(name) });

  it('reads "not logged in" from its text, and shows no stack frames', () => {
    expect(classifyRun('alipay', run('upload-not-logged-in-text'))).toBe('not-logged-in');
    expect(classifyRun('alipay', run('upload-not-logged-in'))).toBe('not-logged-in');
    expect(message('upload-not-logged-in-text')).not.toMatch(/\bat .*index\.js/);
  });

  it('maps the machine-output error codes, and gives network failures their own kind', () => {
    expect(classifyRun('alipay', run('ide-not-installed'))).toBe('not-found');
    expect(classifyRun('alipay', run('upload-bad-version'))).toBe('bad-argument');
    expect(classifyRun('alipay', run('upload-description-too-long'))).toBe('bad-argument');
    expect(classifyRun('alipay', run('preview-offline'))).toBe('network');
    expect(classifyRun('alipay', run('preview-offline-text'))).toBe('network');
    expect(classifyRun('alipay', run('login-offline'))).toBe('network');
    expect(failureInLine('Error: connect ECONNREFUSED 127.0.0.1:443', 'alipay')).toBe('network');
    expect(failureInLine('Error: connect ETIMEDOUT 1.2.3.4:443', 'alipay')).toBe('network');
    expect(message('preview-offline', 'preview')).toMatch(/internet connection[^]*minidev says: getaddrinfo ENOTFOUND mdn\.alipayobjects\.com$/);
  });
});
