/**
 * A build while another program is still writing the game's files (an exporter, a sync tool), as
 * a user runs it: `minigame-studio build` as a child process, with MD5 Cache on, while a writer
 * process rewrites hundreds of its 2,000 files (same size and new sizes, over and over) until the
 * build is over. Whatever the timing, the build must never say exit 0 (or 3, built) with a
 * package whose names, hashes or sizes belong to other bytes; if it gives up, it says which files
 * changed, exits 1 and leaves the previous output as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, writeTree } from './engine/output/plan-fixture.js';
import { readTree } from './engine/output/tree.js';
import { checkPackage } from './engine/test-support/check-package.js';

const BIN = fileURLToPath(new URL('../bin/minigame-studio.mjs', import.meta.url));
const FILES = 2_000;
const REWRITTEN = 400;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Rewrites the given files in turn, forever: even turns the same size, odd turns a new size. */
const WRITER = `
const { writeFileSync } = require('node:fs');
const { randomBytes } = require('node:crypto');
const [files, sizes] = JSON.parse(process.argv[1]);
let turn = 0;
const pass = () => {
  for (let i = 0; i < files.length; i++) {
    const size = turn % 2 === 0 ? sizes[i] : sizes[i] + 1 + (i % 97);
    writeFileSync(files[i], randomBytes(size));
  }
  if (turn++ === 0) process.stdout.write('writing\\n');
  setImmediate(pass);
};
pass();
`;

async function bigGame(): Promise<{ dir: string; assets: string[]; sizes: number[] }> {
  const dir = await tempDir('mgs-writing-');
  dirs.push(dir);
  const files: Record<string, Uint8Array | string> = {
    'game.js': "require('./js/main.js');\n",
    'js/main.js': 'console.log(1);\n',
    'game.json': JSON.stringify({ deviceOrientation: 'portrait' }),
  };
  const assets: string[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < FILES; i++) {
    const path = `images/${String(i % 20).padStart(2, '0')}/a${i}.png`;
    // Mostly small (hashed on the main thread), every 25th big enough for the hashing workers.
    const size = i % 25 === 0 ? 150_000 + i : 2_000 + ((i * 37) % 9_000);
    files[path] = randomBytes(size);
    assets.push(path);
    sizes.push(size);
  }
  await writeTree(dir, files);
  return { dir, assets, sizes };
}

/** OUT, OUT-res and the report as sha1 per file: comparing 25 MB of Buffers deeply takes minutes. */
async function digests(outDir: string): Promise<Record<string, string>> {
  const all: Record<string, string> = {};
  for (const [name, dir] of [['OUT', outDir], ['OUT-res', `${outDir}-res`]] as const) {
    for (const [path, bytes] of await readTree(dir)) all[`${name}/${path}`] = createHash('sha1').update(bytes).digest('hex');
  }
  all.report = createHash('sha1').update(await readFile(`${outDir}.report.json`)).digest('hex');
  return all;
}

function build(dir: string) {
  return execa('node', [BIN, 'build', dir, '--platform', 'wechat', '--md5-cache', '--remote-url', 'https://cdn.example.com/g/'], {
    reject: false,
    env: { FORCE_COLOR: '0' },
  });
}

describe('building while a writer rewrites the files', () => {
  it('never exits 0 with a package that does not match its bytes', { timeout: 240_000 }, async () => {
    const { dir, assets, sizes } = await bigGame();
    const outDir = join(dir, 'build', 'wechatgame');
    const first = await build(dir);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(await checkPackage(outDir)).toEqual([]);
    const before = await digests(outDir);

    // Every 5th asset, spread over the tree: small and big ones, hashed on both paths.
    const picked = assets.map((path, i) => ({ path: join(dir, path), size: sizes[i] as number })).filter((_, i) => i % (FILES / REWRITTEN) === 0);
    const writer = execa('node', ['-e', WRITER, JSON.stringify([picked.map((f) => f.path), picked.map((f) => f.size)])], { reject: false });
    // The writer has rewritten every picked file once and goes on: the build starts among writes.
    await new Promise<void>((resolve, reject) => {
      writer.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('writing')) resolve();
      });
      void writer.then((result) => reject(new Error(`the writer stopped: ${result.stderr}`)));
    });
    let result;
    try {
      result = await build(dir);
    } finally {
      writer.kill();
      await writer;
    }

    expect([0, 1], `${result.stdout}\n${result.stderr}`).toContain(result.exitCode);
    if (result.exitCode === 0) {
      expect(await checkPackage(outDir)).toEqual([]);
    } else {
      expect(result.stderr).toMatch(/changed while the build was (reading|copying) (it|them)/);
      expect(result.stderr).toMatch(/images\/\d\d\/a\d+\.png/);
      expect(await digests(outDir)).toEqual(before);
      expect(await checkPackage(outDir)).toEqual([]);
    }
  });
});
