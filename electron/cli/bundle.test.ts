/**
 * scripts/build-cli.mjs: the bundle it makes is one the bin takes for current, so a command runs
 * it (not the sources through tsx, ~1 s slower to start): every input it lists is a file the bin
 * can stat. Built into a temporary folder, so dist/cli is left to the bin.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.mjs';
import { tempDir } from '../engine/output/plan-fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

it('lists as its inputs only source files, each older than the build, and the entry among them', async () => {
  const out = join(await tempDir('mgs-bundle-'), 'cli');
  dirs.push(join(out, '..'));
  await buildCli(out);
  const { builtAt, inputs } = JSON.parse(await readFile(join(out, 'inputs.json'), 'utf8')) as { builtAt: number; inputs: string[] };
  expect(inputs.map((input) => join(out, input))).toContain(join(import.meta.dirname, '..', 'cli.ts'));
  for (const input of inputs) expect((await stat(join(out, input))).mtimeMs, input).toBeLessThanOrEqual(builtAt);
}, 120_000);
