/**
 * Data safety through the command line (`node bin/minigame-studio.mjs build …`, real folders): a
 * user's file or folder at OUT, OUT-res, OUT.report.json or the studio's folder and cache beside
 * OUT is refused by name, without a stack trace, and stays byte-identical through build, rebuild
 * and Ctrl+C.
 */
import { execa } from 'execa';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { locationsFor, type Locations } from './engine/output/locations.js';
import { tempDir, writeTree } from './engine/output/plan-fixture.js';
import { GAME_FILES, snapshotOf } from './engine/output/test-support/safety-fixture.js';

const BIN = fileURLToPath(new URL('../bin/minigame-studio.mjs', import.meta.url));
const REMOTE_FLAG = ['--remote-url', 'https://cdn.example.com/g/'];

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function cli(args: readonly string[]) {
  return execa('node', [BIN, ...args], { reject: false, env: { FORCE_COLOR: '0' } });
}

async function game(): Promise<{ dir: string; locations: Locations }> {
  const dir = await tempDir('mgs-cli-safety-');
  dirs.push(dir);
  await writeTree(dir, GAME_FILES);
  const out = join(dir, 'build', 'wechatgame');
  return { dir, locations: locationsFor(out, `${out}-res`) };
}

/** A refusal as the user sees it: exit 1, one error line naming the path, no stack trace. */
function expectRefusal(result: { exitCode?: number; stderr: string; stdout: string }, path: string): void {
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toMatch(/^error: [^\n]*Nothing was changed\.$/);
  expect(result.stderr).toContain(path);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

type Place = (locations: Locations) => Promise<string>;

const userThings: Record<string, Place> = {
  'a file at OUT': async ({ out }) => {
    await mkdir(join(out, '..'), { recursive: true });
    await writeFile(out, 'thesis, final version');
    return out;
  },
  'a folder at OUT-res': async ({ res }) => {
    await mkdir(res, { recursive: true });
    await writeFile(join(res, 'photo.jpg'), 'holiday');
    return res;
  },
  'a file at OUT.report.json': async ({ report }) => {
    await mkdir(join(report, '..'), { recursive: true });
    await writeFile(report, '{"mine": true}');
    return report;
  },
  "a folder where the studio's folder and cache go": async ({ state }) => {
    await mkdir(state, { recursive: true });
    await writeFile(join(state, 'cache.json'), 'my cache of something else');
    await writeFile(join(state, 'diary.txt'), 'mine');
    return state;
  },
};

// Each test runs the command line four or five times (a Node start and tsx each): room for a busy machine.
describe('minigame-studio build never replaces what the user put at its paths', { timeout: 120_000 }, () => {
  for (const [what, place] of Object.entries(userThings)) {
    it(`refuses ${what} on a first build and on a rebuild, with and without a Remote URL, leaving it byte-identical`, async () => {
      const { dir, locations } = await game();
      const path = await place(locations);
      const before = await snapshotOf(path);
      for (const flags of [[], REMOTE_FLAG]) {
        expectRefusal(await cli(['build', dir, ...flags]), path);
        expect(await snapshotOf(path)).toEqual(before);
      }

      // The same after a build of the studio's own: the user's thing appears only later.
      await rm(path, { recursive: true });
      expect((await cli(['build', dir, ...REMOTE_FLAG])).exitCode).toBe(0);
      await rm(path, { recursive: true, force: true });
      await place(locations);
      expectRefusal(await cli(['build', dir, ...REMOTE_FLAG]), path);
      expect(await snapshotOf(path)).toEqual(before);
    });
  }

  it("keeps DevTools' file in OUT and a user file at the cache through a rebuild and a Ctrl+C", async () => {
    const { dir, locations } = await game();
    expect((await cli(['build', dir])).exitCode).toBe(0);
    const privateConfig = join(locations.out, 'project.private.config.json');
    await writeFile(privateConfig, '{"setting":{"urlCheck":false}}');
    await rm(locations.cache);
    await writeFile(locations.cache, 'mine, not a cache');
    const before = { config: await snapshotOf(privateConfig), cache: await snapshotOf(locations.cache) };

    await writeFile(join(dir, 'images', 'bg.png'), 'changed');
    expect((await cli(['build', dir])).exitCode).toBe(0);
    expect({ config: await snapshotOf(privateConfig), cache: await snapshotOf(locations.cache) }).toEqual(before);

    // Ctrl+C at whatever moment it lands: the user's files are the same whatever the build had done.
    await writeFile(join(dir, 'images', 'bg.png'), 'changed again');
    const child = execa('node', [BIN, 'build', dir], { reject: false, env: { FORCE_COLOR: '0' } });
    child.kill('SIGINT');
    await child;
    expect({ config: await snapshotOf(privateConfig), cache: await snapshotOf(locations.cache) }).toEqual(before);
    expect((await cli(['build', dir])).exitCode).toBe(0);
    expect({ config: await snapshotOf(privateConfig), cache: await snapshotOf(locations.cache) }).toEqual(before);
  });
});
