/**
 * Real kills: a child process builds and SIGKILLs itself at a chosen point (after a copy, before
 * or after each rename). What it leaves is either the previous output, or a journal the next
 * build rolls forward; that build (the CLI, or the engine in-process) exits 0 with OUT, OUT-res
 * and the report of the new build, consistent with each other, the user's file in OUT kept, and
 * no temporary folder, journal or lock left. Both ways of putting a build in place are killed at
 * every rename: the update in place (a rebuild with the build cache, output/in-place.ts) and the
 * whole new OUT (a build without it, output/swap.ts).
 */
import { execa } from 'execa';
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/report.js';
import { writeOutput, type FsOps } from '../build.js';
import { analyseProject, buildProject } from '../index.js';
import type { Locations } from './locations.js';
import { readTree } from './tree.js';
import { removeWorkspaces, workspace } from './test-support/safety-fixture.js';

afterEach(removeWorkspaces);

const CHILD = fileURLToPath(new URL('./test-support/killed-build.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/minigame-studio.mjs', import.meta.url));
const PRIVATE_CONFIG = '{"setting":{"urlCheck":false}}';

type Way = 'in place' | 'whole';

/**
 * A game built once (version A) with a Remote URL and DevTools' file in OUT, then changed to
 * version B. `whole`: the build cache is gone, so the next build writes a whole new OUT.
 */
async function builtThenChanged(way: Way = 'in place'): Promise<{ game: string; locations: Locations }> {
  const { game, locations } = await workspace();
  await writeFile(join(game, 'minigame-studio.json'), JSON.stringify({ remoteUrl: 'https://cdn.example.com/g/' }));
  await writeFile(join(game, 'js/main.js'), 'console.log("A");\n');
  await writeFile(join(game, 'images/bg.png'), 'background A');
  expect((await buildProject(game)).exitCode).toBe(0);
  await writeFile(join(locations.out, 'project.private.config.json'), PRIVATE_CONFIG);
  await writeFile(join(game, 'js/main.js'), 'console.log("B");\n');
  await writeFile(join(game, 'images/bg.png'), 'background B');
  await writeFile(join(game, 'images/new.png'), 'only in B');
  if (way === 'whole') await rm(locations.cache);
  return { game, locations };
}

/** OUT's own folder (device, inode): an update in place keeps it, a whole new OUT is another. */
async function folderId(path: string): Promise<string> {
  const stats = await lstat(path, { bigint: true });
  return `${stats.dev}:${stats.ino}`;
}

function killedAt(game: string, point: string) {
  return execa('node', ['--import', 'tsx', CHILD, game, point], { reject: false });
}

/**
 * Which build OUT, OUT-res and the report each come from; throws when one of them is partial
 * (a file missing or foreign to the report).
 */
async function versions(locations: Locations): Promise<{ out: string; res: string; report: string }> {
  const out = await readTree(locations.out);
  const res = await readTree(locations.res);
  const report = JSON.parse(await readFile(locations.report, 'utf8')) as Report;
  const listed = (remote: boolean) => report.files.filter((file) => file.remote === remote).map((file) => file.out).sort();
  expect([...out.keys()].filter((path) => path !== 'project.private.config.json')).toEqual(expect.arrayContaining(listed(false)));
  expect([...res.keys()]).toEqual(listed(true));
  for (const file of report.files) expect((file.remote ? res : out).get(file.out)?.byteLength, file.out).toBe(file.bytes);
  return {
    out: out.get('js/main.js')?.toString().includes('"B"') ? 'B' : 'A',
    res: res.get('images/bg.png')?.toString().slice(-1) ?? '?',
    report: report.files.some((file) => file.path === 'images/new.png') ? 'B' : 'A',
  };
}

/** What is left of the studio's own working files beside OUT: nothing but the record and the cache (and its log). */
async function leftovers(locations: Locations): Promise<string[]> {
  const beside = (await readdir(join(locations.out, '..'))).filter((name) => name.includes('.tmp'));
  const inside = (await readdir(locations.state)).filter((name) => !['owner.json', 'cache.json', 'cache.log'].includes(name));
  return [...beside, ...inside];
}

async function assertRecoveredToB(locations: Locations): Promise<void> {
  expect(await versions(locations)).toEqual({ out: 'B', res: 'B', report: 'B' });
  expect(await readFile(join(locations.out, 'project.private.config.json'), 'utf8')).toBe(PRIVATE_CONFIG);
  expect(await leftovers(locations)).toEqual([]);
}

// Each test spawns Node processes (tsx compiles on start): generous time on a busy machine.
describe('a build killed at any moment', { timeout: 120_000 }, () => {
  // The renames of each way, for this change (test-support/killed-build.ts prints them when not killed):
  // whole: OUT, OUT-res and the report each move aside and the new one in (6), then DevTools' file is carried (7);
  // in place: each replaced file moves into the temporary folder (9), each new one in (10), then the report (2).
  const renames: Record<Way, number> = { whole: 7, 'in place': 21 };
  const pointsOf = (way: Way): string[] => {
    const count = renames[way];
    return ['copy:1', 'copy:3', 'write:2', ...Array.from({ length: count }, (_, i) => `before-rename:${i + 1}`), `rename:${count}`];
  };
  const cases = (['in place', 'whole'] as const).flatMap((way) => pointsOf(way).map((point) => [way, point] as const));

  it.each(['in place', 'whole'] as const)('%s: puts the build in place with the renames counted here', async (way) => {
    const { game, locations } = await builtThenChanged(way);
    const outBefore = await folderId(locations.out);
    const child = await killedAt(game, 'none:0');
    expect(child.stdout.trim(), child.stderr).toBe(`finished after ${renames[way]} renames`);
    expect((await folderId(locations.out)) === outBefore).toBe(way === 'in place');
    await assertRecoveredToB(locations);
  });

  it.each(cases)('%s, at %s: leaves the previous output or a journal, and the next build finishes it', async (way, point) => {
    const { game, locations } = await builtThenChanged(way);
    const child = await killedAt(game, point);
    expect(child.signal, child.stderr).toBe('SIGKILL');

    const journal = await readFile(locations.journal, 'utf8').then(
      () => true,
      () => false,
    );
    // Before the journal is written, nothing of the previous output has moved.
    if (!journal) expect(await versions(locations)).toEqual({ out: 'A', res: 'A', report: 'A' });
    expect(journal).toBe(point.includes('rename'));

    const next = await buildProject(game);
    expect(next.exitCode).toBe(0);
    await assertRecoveredToB(locations);
  });

  it.each(['in place', 'whole'] as const)('%s: is recovered by the command line with exit 0 and no complaint about its own files', async (way) => {
    const { game, locations } = await builtThenChanged(way);
    expect((await killedAt(game, 'rename:3')).signal).toBe('SIGKILL');
    const cli = await execa('node', [BIN, 'build', game], { reject: false, env: { FORCE_COLOR: '0' } });
    expect(cli.stderr).not.toMatch(/did not write|error/);
    expect(cli.exitCode).toBe(0);
    await assertRecoveredToB(locations);
  });

  it('leaves no temporary folder behind after many kills, and removes those of older versions but nothing else', async () => {
    const { game, locations } = await builtThenChanged();
    // Only the changed files are copied (the rest are linked from the previous OUT): three copies.
    for (const point of ['copy:1', 'copy:2', 'write:1', 'copy:3']) expect((await killedAt(game, point)).signal).toBe('SIGKILL');
    // Each killed build had removed the one killed before it.
    expect((await readdir(locations.state)).filter((name) => name.startsWith('tmp-'))).toHaveLength(1);
    // What builds before the studio's folder existed left beside OUT, and lookalikes that are not theirs.
    const build = join(locations.out, '..');
    await mkdir(join(build, '.wechatgame.tmp-Ab12Cd', 'images'), { recursive: true });
    await writeFile(join(build, '.wechatgame.tmp-Ab12Cd', 'images', 'bg.png'), 'stale');
    await mkdir(join(build, '.wechatgame.tmp-Zz99Yy.previous'));
    await mkdir(join(build, '.wechatgame.tmp-notes'));
    await mkdir(join(game, 'elsewhere'));
    await symlink(join(game, 'elsewhere'), join(build, '.wechatgame.tmp-Qq11Rr'));
    // Their cache of this OUT goes; a file of the user's in that folder stays.
    await mkdir(join(build, '.minigame-studio-cache'));
    await writeFile(join(build, '.minigame-studio-cache', 'wechatgame.json'), JSON.stringify({ version: 1, sourceDir: game, outDir: locations.out, hashes: [], outputs: [] }));
    await writeFile(join(build, '.minigame-studio-cache', 'alipay.json'), 'mine');

    expect((await buildProject(game)).exitCode).toBe(0);
    expect(await versions(locations)).toEqual({ out: 'B', res: 'B', report: 'B' });
    expect(await leftovers(locations)).toEqual(['.wechatgame.tmp-Qq11Rr', '.wechatgame.tmp-notes']);
    expect(await readdir(join(game, 'elsewhere'))).toEqual([]);
    expect(await readdir(join(build, '.minigame-studio-cache'))).toEqual(['alipay.json']);
  });
});

describe.each(['in place', 'whole'] as const)('%s: a rename that fails part-way through', (way) => {
  it('puts everything back as it was, the user file in OUT included, and leaves no journal', async () => {
    const { game, locations } = await builtThenChanged(way);
    const outFolder = await folderId(locations.out);
    const before = { out: await readTree(locations.out), res: await readTree(locations.res), report: await readFile(locations.report, 'utf8') };
    const analysis = await analyseProject(game);
    let calls = 0;
    const fsOps: FsOps = {
      copyFile: (src, dest, mode) => copyFile(src, dest, mode),
      writeFile: (path, data) => writeFile(path, data),
      rename: async (from, to) => {
        calls += 1;
        if (calls === 5) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        await rename(from, to);
      },
    };
    await expect(writeOutput(analysis.plan, analysis.layout, analysis.report, { fsOps })).rejects.toThrow(
      new RegExp(`^Could not write ${locations.out} \\(EIO: injected\\); .* the previous output is untouched\\.$`),
    );
    expect({ out: await readTree(locations.out), res: await readTree(locations.res), report: await readFile(locations.report, 'utf8') }).toEqual(before);
    expect(await folderId(locations.out)).toBe(outFolder);
    expect(await leftovers(locations)).toEqual([]);
  });

  it('when putting back fails too, says so, and the next build finishes the new output', async () => {
    const { game, locations } = await builtThenChanged(way);
    const analysis = await analyseProject(game);
    let calls = 0;
    const fsOps: FsOps = {
      copyFile: (src, dest, mode) => copyFile(src, dest, mode),
      writeFile: (path, data) => writeFile(path, data),
      rename: async (from, to) => {
        calls += 1;
        if (calls >= 3) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        await rename(from, to);
      },
    };
    await expect(writeOutput(analysis.plan, analysis.layout, analysis.report, { fsOps })).rejects.toThrow(
      `Could not put ${locations.out} in place, nor put the previous output back (EIO: injected). Build again: the next build finishes putting the new output in place.`,
    );
    expect((await buildProject(game)).exitCode).toBe(0);
    await assertRecoveredToB(locations);
  });
});
