/**
 * Workers in `simulate`: createWorker on game.json's workers folder runs the script in its own
 * thread, with only that folder's files and no platform API, one at a time, messages both ways.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, FIXTURES, removeProjects, simulate } from './test-support/run-cli.js';

const RUN = { timeout: 180_000 };

afterAll(removeProjects);

describe('simulate: workers', () => {
  it.each([
    ['wechat', 'wx'],
    ['alipay', 'my'],
  ])('on %s: a round trip, the folder as the only reachable code, one worker at a time', RUN, async (platform, name) => {
    const dir = await copyProject(join(FIXTURES, 'worker'));
    const run = await simulate(dir, ['--platform', platform, '--seconds', '1']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        `[log] outside the folder: ${name}.createWorker: game.js is not a script of the workers folder "workers/"`,
        `[log] second worker: ${name}.createWorker: only one worker may run at a time: terminate() the current one first`,
        '[log] [worker] worker started; platform api absent; game.js refused (module "../game.js" is not defined); fetch undefined',
        '[log] worker answered sum=5 echo=hi',
        '[log] after terminate, a new worker: function',
      ]),
    );
    expect(run.json.unsupported).toEqual([]);
  });
});
