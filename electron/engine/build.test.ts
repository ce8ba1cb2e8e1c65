import { chmod, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../shared/report.js';
import { planFor, settingsFor, tempDir, writeTree } from './output/plan-fixture.js';
import { readTree } from './output/tree.js';
import { stateDirFor, TEMP_PREFIX } from './output/locations.js';
import { writeOutput, type FsOps } from './build.js';
import { isStudioError } from './errors.js';
import { createHashCache } from './hash-cache.js';
import { layoutOutput } from './output/layout.js';
import type { BuildProgressInfo, Plan, ProjectSettings } from './types.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const files = {
  'game.js': "require('./src/main.js');\n",
  'src/main.js': 'console.log(1);\n',
  'images/bg.png': 'png-bytes',
  'images/a/b/c.png': 'deep',
  'audio/hit.mp3': 'mp3',
  'game.json': '{}',
};

async function project(patch: Partial<ProjectSettings> = {}): Promise<Plan> {
  const dir = await tempDir();
  dirs.push(dir);
  await writeTree(dir, files);
  return planFor(settingsFor(dir, patch), Object.keys(files));
}

// writeOutput only serialises the report; its contents are report.ts's concern.
const report = { platform: 'wechat', problems: [] } as unknown as Report;

async function build(plan: Plan, fsOps?: FsOps, signal?: AbortSignal): Promise<void> {
  const layout = await layoutOutput(plan, createHashCache());
  await writeOutput(plan, layout, report, { fsOps, signal });
}

function failingAfter(count: number, code: string): FsOps {
  let calls = 0;
  const fail = (): void => {
    calls += 1;
    if (calls > count) throw Object.assign(new Error(`${code}: injected`), { code });
  };
  return {
    copyFile: async (src, dest, mode) => {
      fail();
      const { copyFile } = await import('node:fs/promises');
      await copyFile(src, dest, mode);
    },
    writeFile: async (path, data) => {
      fail();
      await writeFile(path, data);
    },
  };
}

/** What the build left beside OUT, the studio's own folder aside, and no temporary folder, journal or lock in that one. */
async function siblings(plan: Plan): Promise<string[]> {
  const state = stateDirFor(plan.settings.outDir);
  const beside = (await readdir(join(plan.settings.projectDir, 'build'))).filter((name) => name !== basename(state));
  const inside = (await readdir(state).catch(() => [] as string[])).filter((name) => name.startsWith(TEMP_PREFIX) || name === 'journal.json' || name === 'lock');
  return [...beside.sort(), ...inside.map((name) => `${basename(state)}/${name}`)];
}

describe('writeOutput', () => {
  it('writes every laid-out file with the size the layout gave it', async () => {
    const plan = await project();
    const layout = await layoutOutput(plan, createHashCache());
    await writeOutput(plan, layout, report);
    const tree = await readTree(plan.settings.outDir);
    expect([...tree.keys()]).toEqual(layout.files.map((f) => f.out).sort());
    for (const file of layout.files) expect(tree.get(file.out)?.byteLength).toBe(file.bytes);
    expect(tree.get('images/a/b/c.png')?.toString()).toBe('deep');
    expect(JSON.parse(await readFile(`${plan.settings.outDir}.report.json`, 'utf8'))).toEqual(report);
    expect(await siblings(plan)).toEqual(['wechatgame', 'wechatgame.report.json']);
  });

  it('reports progress in files and bytes, ending at the totals', async () => {
    const plan = await project();
    const layout = await layoutOutput(plan, createHashCache());
    const seen: BuildProgressInfo[] = [];
    await writeOutput(plan, layout, report, { onProgress: (p) => seen.push(p) });
    const totalBytes = layout.files.reduce((sum, f) => sum + f.bytes, 0);
    expect(seen.at(-1)).toEqual({ phase: 'done', files: layout.files.length, totalFiles: layout.files.length, bytes: totalBytes, totalBytes });
    expect(seen[0]).toMatchObject({ phase: 'write', files: 0, bytes: 0 });
  });

  it('gives identical output when built twice', async () => {
    const plan = await project({ md5Cache: true });
    await build(plan);
    const first = await readTree(plan.settings.outDir);
    await build(plan);
    expect(await readTree(plan.settings.outDir)).toEqual(first);
  });

  it('leaves the previous output byte-identical when a copy fails part-way', async () => {
    const plan = await project();
    await build(plan);
    const before = await readTree(plan.settings.outDir);
    await writeTree(plan.settings.sourceDir, { 'images/bg.png': 'changed' });
    const changed = await planFor(plan.settings, Object.keys(files));
    await expect(build(changed, failingAfter(3, 'EIO'))).rejects.toThrow(/Could not write .*; the previous output is untouched/);
    expect(await readTree(plan.settings.outDir)).toEqual(before);
    expect(await siblings(plan)).toEqual(['wechatgame', 'wechatgame.report.json']);
  });

  it('says the disk is full, naming the file, when a write fails with ENOSPC', async () => {
    const plan = await project();
    await build(plan);
    const before = await readTree(plan.settings.outDir);
    const error: unknown = await build(plan, failingAfter(1, 'ENOSPC')).catch((e: unknown) => e);
    expect(isStudioError(error) && error.code).toBe('DISK_FULL');
    expect(String((error as Error).message)).toMatch(
      new RegExp(`^The disk is full while writing ${plan.settings.outDir}/.+; free space and build again; the previous output is untouched\\.$`),
    );
    expect(await readTree(plan.settings.outDir)).toEqual(before);
    expect(await siblings(plan)).toEqual(['wechatgame', 'wechatgame.report.json']);
  });

  it('leaves the previous output as it was when cancelled', async () => {
    const plan = await project();
    await build(plan);
    const before = await readTree(plan.settings.outDir);
    const controller = new AbortController();
    const abortingOps: FsOps = {
      copyFile: async (src, dest, mode) => {
        controller.abort();
        const { copyFile } = await import('node:fs/promises');
        await copyFile(src, dest, mode);
      },
      writeFile: (path, data) => writeFile(path, data),
    };
    await expect(build(plan, abortingOps, controller.signal)).rejects.toThrow(/cancelled/);
    expect(await readTree(plan.settings.outDir)).toEqual(before);
    expect(await siblings(plan)).toEqual(['wechatgame', 'wechatgame.report.json']);
  });

  it('names a source file deleted after the scan, and writes nothing', async () => {
    const plan = await project();
    await rm(join(plan.settings.sourceDir, 'audio/hit.mp3'));
    const error: unknown = await build(plan).catch((e: unknown) => e);
    expect(isStudioError(error) && error.code).toBe('SOURCE_CHANGED');
    expect((error as Error).message).toMatch(/^audio\/hit\.mp3 \(deleted\) changed while the build was copying it\. Nothing was written/);
    expect(await siblings(plan)).toEqual([]);
  });

  it('writes remote files to OUT-res and removes a stale OUT-res when nothing is remote any more', async () => {
    const remotePlan = await project({ remoteUrl: 'https://cdn.example.com/' });
    await build(remotePlan);
    const res = await readTree(`${remotePlan.settings.outDir}-res`);
    expect([...res.keys()]).toEqual(['audio/hit.mp3', 'images/a/b/c.png', 'images/bg.png']);
    expect((await readTree(remotePlan.settings.outDir)).has('images/bg.png')).toBe(false);

    const local = await planFor({ ...remotePlan.settings, remoteUrl: '' }, Object.keys(files));
    await build(local);
    expect(await siblings(local)).toEqual(['wechatgame', 'wechatgame.report.json']);
  });

  it('refuses to replace a folder the studio did not write, or one that holds the project', async () => {
    const plan = await project();
    await writeTree(plan.settings.outDir, { 'notes.txt': 'mine' });
    await expect(build(plan)).rejects.toThrow(/already holds files the studio did not write/);
    expect(await readFile(join(plan.settings.outDir, 'notes.txt'), 'utf8')).toBe('mine');

    const around = await planFor({ ...plan.settings, outDir: join(plan.settings.projectDir, '..') }, Object.keys(files));
    await expect(build(around)).rejects.toThrow(/contains the project/);
  });

  it.skipIf(process.getuid?.() === 0)('says when the output folder is not writable', async () => {
    const plan = await project();
    await writeTree(plan.settings.projectDir, { 'build/.keep': '' });
    await chmod(join(plan.settings.projectDir, 'build'), 0o500);
    try {
      await expect(build(plan)).rejects.toThrow(/Could not write/);
    } finally {
      await chmod(join(plan.settings.projectDir, 'build'), 0o700);
    }
  });
});
