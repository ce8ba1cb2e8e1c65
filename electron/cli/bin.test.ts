/**
 * bin/minigame-studio.mjs runs the bundle in dist/cli only while it is current, and the
 * TypeScript sources otherwise: a copy of the bin in a temporary package, with a stand-in bundle
 * and stand-in sources that say which of them ran.
 */
import { execa } from 'execa';
import { copyFile, mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../engine/output/plan-fixture.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const runCliSaying = (word: string): string => `export async function runCli() { process.stdout.write('${word}'); return 0; }\n`;

/** A package with the real bin, sources that print "sources", and (unless `bundle` is false) a bundle that prints "bundle". */
async function fakePackage(bundle: boolean): Promise<string> {
  const dir = await tempDir('mgs-bin-');
  dirs.push(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'minigame-studio', type: 'module' }));
  await mkdir(join(dir, 'bin'));
  await mkdir(join(dir, 'electron'));
  await copyFile(join(REPO, 'bin', 'minigame-studio.mjs'), join(dir, 'bin', 'minigame-studio.mjs'));
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  await writeFile(join(dir, 'electron', 'cli.ts'), runCliSaying('sources'));
  if (bundle) {
    await mkdir(join(dir, 'dist', 'cli'), { recursive: true });
    await writeFile(join(dir, 'dist', 'cli', 'cli.mjs'), runCliSaying('bundle'));
    await writeFile(join(dir, 'dist', 'cli', 'inputs.json'), JSON.stringify({ builtAt: Date.now(), inputs: ['../../electron/cli.ts'] }));
    const past = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'electron', 'cli.ts'), past, past);
  }
  return dir;
}

const run = async (dir: string): Promise<string> => (await execa('node', [join(dir, 'bin', 'minigame-studio.mjs'), '--help'])).stdout;

it('runs the bundle while every source is older than it', async () => {
  expect(await run(await fakePackage(true))).toBe('bundle');
});

it('runs the sources when one of them was saved after the bundle was built', async () => {
  const dir = await fakePackage(true);
  const later = new Date(Date.now() + 60_000);
  await utimes(join(dir, 'electron', 'cli.ts'), later, later);
  expect(await run(dir)).toBe('sources');
});

it('runs the sources when there is no bundle', async () => {
  expect(await run(await fakePackage(false))).toBe('sources');
});
