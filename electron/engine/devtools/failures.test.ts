import { describe, expect, it } from 'vitest';
import { announcesPortClosed, classifyRun, failureInLine, type RunOutcome } from './failures.js';

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
