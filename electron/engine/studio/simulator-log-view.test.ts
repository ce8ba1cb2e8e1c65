/** Package addresses in the simulator's log become the developer's own file:line. */
import { describe, expect, it } from 'vitest';
import { firstPackageFrame, logView, packagePaths } from './simulator-log-view.js';

const ORIGIN = 'http://127.0.0.1:43210';

describe('packagePaths and firstPackageFrame', () => {
  it('write package addresses as package paths with line and column', () => {
    expect(packagePaths(`TypeError: x is undefined\n    at tap (${ORIGIN}/pkg/js/main.js:12:5)\n    at ${ORIGIN}/pkg/game.js:3:1`, ORIGIN)).toBe(
      'TypeError: x is undefined\n    at tap (js/main.js:12:5)\n    at game.js:3:1',
    );
    expect(packagePaths(`at ${ORIGIN}/pkg/%E5%85%B3%E5%8D%A1/a%20b.js:4:2`, ORIGIN)).toBe('at 关卡/a b.js:4:2');
  });

  it('leave other origins and the platform script alone', () => {
    const text = `at http://127.0.0.1:5555/pkg/js/main.js:1:1\n    at ${ORIGIN}/__sim/platform.js:80:3`;
    expect(packagePaths(text, ORIGIN)).toBe(text);
    expect(firstPackageFrame(text, ORIGIN)).toBeNull();
  });

  it('find the first package frame below platform frames', () => {
    expect(firstPackageFrame(`Error: boom\n    at run (${ORIGIN}/__sim/platform.js:9:1)\n    at frame (${ORIGIN}/pkg/js/loop.js:40:11)`, ORIGIN)).toBe('js/loop.js:40:11');
  });
});

describe('logView', () => {
  it('joins each 404 with its reason, gives console lines their level and call site, and carries the storage figures', () => {
    const view = logView(
      3,
      {
        requests: [
          { path: 'shaders/blur.frag', source: 'package', status: 404, count: 2 },
          { path: 'images/a.png', source: 'package', status: 200, count: 1 },
          { path: 'http://usr/save.json', source: 'cache', status: 404, count: 1 },
        ],
        missing: [{ path: 'shaders/blur.frag', reason: 'shaders/blur.frag was requested, but .frag is not on the upload whitelist' }],
        errors: [{ message: 'TypeError: boom', stack: `TypeError: boom\n    at ${ORIGIN}/pkg/game.js:7:3` }],
        unsupported: ['wx.createGameClubButton'],
        console: ['[warn] low on stars', `[log] at ${ORIGIN}/pkg/game.js:2:1`, '[uncaught] TypeError: boom'],
        consoleEntries: [
          { level: 'warn', text: 'low on stars', where: 'js/stars.js:14:9' },
          { level: 'log', text: `at ${ORIGIN}/pkg/game.js:2:1`, where: null },
          { level: 'uncaught', text: 'TypeError: boom', where: 'game.js:7:3' },
        ],
        timeline: [{ at: 10, kind: 'start', detail: 'wechat on iphone-8' }],
        firstFrameMs: 420,
        storageBytes: 2048,
      },
      ORIGIN,
      1000,
    );
    expect(view.run).toBe(3);
    expect(view.requests[0]).toMatchObject({ path: 'shaders/blur.frag', missing: expect.stringContaining('.frag is not on the upload whitelist') });
    expect(view.requests[1]?.missing).toBeUndefined();
    expect(view.requests[2]?.missing).toBeUndefined();
    expect(view.console).toEqual([
      { level: 'warn', text: 'low on stars', where: 'js/stars.js:14:9' },
      { level: 'log', text: 'at game.js:2:1', where: null },
      { level: 'uncaught', text: 'TypeError: boom', where: 'game.js:7:3' },
    ]);
    expect(view.errors[0]).toMatchObject({ where: 'game.js:7:3', stack: 'TypeError: boom\n    at game.js:7:3' });
    expect(view.storage).toEqual({ usedBytes: 2048, quotaBytes: 1000 });
    expect(view.firstFrameMs).toBe(420);
  });
});
