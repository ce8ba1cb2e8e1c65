/**
 * The APIs that need the platform's servers, in `simulate`: answered as the platform answers with
 * no server to reach, or from the fakes (--fakes FILE, simulator.fakes), each answer said in the
 * console; a bad fakes file is refused naming the field.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, FIXTURES, removeProjects, simulate } from './test-support/run-cli.js';
import { writeFile } from 'node:fs/promises';

const RUN = { timeout: 180_000 };

afterAll(removeProjects);

describe('simulate: servers the game cannot reach', () => {
  it('without fakes, each fails as the platform fails offline, with its documented codes, and the game goes on', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'services'));
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1']);
    expect(run.json.errors).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.json.unsupported).toEqual([]);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        '[log] login fail login:fail no server to reach in the simulator (give a fake: simulator.fakes)',
        '[log] userInfo fail getUserInfo:fail scope unauthorized',
        '[log] midas fail -1 requestMidasPayment:fail 系统失败',
        '[log] share returns undefined',
        '[log] video error 1000',
        '[log] video show rejected 1000',
        '[log] banner error 1000',
        "[log] cloud fail -1 cloud.callFunction:fail no server to reach in the simulator (give a fake: simulator.fakes)",
        expect.stringMatching(/^\[simulator\] wx\.login: no server: fail /),
        expect.stringMatching(/^\[simulator\] wx\.shareAppMessage: the share panel would open: \{"title":"Come play"\}/),
      ]),
    );
  });

  it('with --fakes FILE, each answers from it and says so', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'services'));
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--fakes', join(dir, 'fakes.json')]);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(
      expect.arrayContaining([
        '[log] login ok fake-code-42',
        '[log] userInfo ok Tester',
        '[log] midas fail -2 requestMidasPayment:fail 支付取消',
        '[log] video shown',
        '[log] video closed ended=true',
        '[log] banner loaded',
        '[log] cloud ok {"sum":3}',
        expect.stringMatching(/^\[simulator\] wx\.login: from the fakes: success \{"errMsg":"login:ok","code":"fake-code-42"\}/),
      ]),
    );
  });

  it('on Alipay, from simulator.fakes in minigame-studio.json; tradePay answers 6002 without a server', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'services'));
    await writeFile(join(dir, 'minigame-studio.json'), JSON.stringify({ simulator: { fakes: { getAuthCode: { success: { authCode: 'ac-7' } } } } }));
    const run = await simulate(dir, ['--platform', 'alipay', '--seconds', '1']);
    expect(run.exitCode).toBe(0);
    expect(run.json.console).toEqual(expect.arrayContaining(['[log] authCode ok ac-7', '[log] tradePay 6002']));
  });

  it('a fakes file of the wrong shape is a usage error naming the file and the field', RUN, async () => {
    const dir = await copyProject(join(FIXTURES, 'services'));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ login: { code: 'x' } }));
    const run = await simulate(dir, ['--platform', 'wechat', '--seconds', '1', '--fakes', join(dir, 'bad.json')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`The fakes file ${join(dir, 'bad.json')} at "login"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
