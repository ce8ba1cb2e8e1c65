/**
 * The small APIs games call around their start, in `simulate`, each answering as the platform
 * documents it for a freshly installed game (and an action sheet cancelled by a tap).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, FIXTURES, removeProjects, simulate } from './test-support/run-cli.js';

const RUN = { timeout: 180_000 };

afterAll(removeProjects);

describe('simulate: the small APIs of a game start', () => {
  it('answer as documented: account, canIUse, update, settings, clipboard, nextTick, storage, logs, action sheet', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'apis'));
    // The action sheet's cancel button is the bottom row of the screen (667 CSS px high).
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--tap', '187,655']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.unsupported).toEqual([]);
    const lines = run.json.console;
    expect(lines).toEqual(
      expect.arrayContaining([
        '[log] account wx0123456789abcdef develop',
        '[log] canIUse getUpdateManager=true createGameClubButton=false',
        '[log] update hasUpdate=false',
        '[log] system setting orientation=portrait camera=authorized',
        '[log] setting {}',
        '[log] clipboard invite-123',
        '[log] storage missing=""',
        '[log] storage batch=[1,{"x":2},""] keys=a,b',
        '[log] getStorage missing: getStorage:fail data not found',
        '[log] setStorageSync huge: setStorageSync:fail exceed storage max size 10Mb',
        '[info] [log manager] from the log manager',
        '[simulator] wx.reportEvent "start" {"level":1}',
        '[log] action sheet showActionSheet:fail cancel',
        '[log] privacy needAuthorization=false',
        '[log] screen recording off',
        '[log] accelerometer startAccelerometer:ok',
        '[log] imageData 24',
        '[log] buffer image 4x4',
      ]),
    );
    expect(lines.indexOf('[log] after nextTick call')).toBeLessThan(lines.indexOf('[log] nextTick ran'));
  });
});
