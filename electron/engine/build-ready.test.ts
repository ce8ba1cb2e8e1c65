/**
 * What the live project makes ahead for a build (build-ready.ts) is what the build writes: the
 * report's text, each generated file's bytes at the size the layout counts, the records' lists.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOutput } from './build.js';
import { prepareBuild } from './build-ready.js';
import { analyseProject } from './index.js';
import { contentBytes, reportBytes } from './output/prepared-bytes.js';
import { age, tempDir, writeTree } from './output/plan-fixture.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('a build made ready ahead', () => {
  it('writes the bytes made ahead: the report as indented JSON, each generated file at the size the layout counts', async () => {
    const dir = await tempDir('mgs-ready-');
    dirs.push(dir);
    const files = {
      'game.json': JSON.stringify({ deviceOrientation: 'portrait' }),
      'game.js': "require('./js/主程序.js');\n",
      'js/主程序.js': 'console.log("你好");\n',
      'images/背景.png': 'background',
    };
    await writeTree(dir, files);
    await age(dir, Object.keys(files));
    const analysis = await analyseProject(dir, { md5Cache: true, remoteUrl: 'https://cdn.example.com/g/' });
    prepareBuild(analysis);
    await writeOutput(analysis.plan, analysis.layout, analysis.report);

    const outDir = join(dir, 'build', 'wechatgame');
    const report = await readFile(`${outDir}.report.json`);
    expect(report.toString('utf8')).toBe(`${JSON.stringify(analysis.report, null, 2)}\n`);
    expect(report.equals(reportBytes(analysis.report))).toBe(true);
    const generated = analysis.layout.files.filter((file) => file.content !== null);
    expect(generated.length).toBeGreaterThan(0);
    for (const file of generated) {
      const bytes = contentBytes(file) as Uint8Array;
      expect(bytes.byteLength, file.out).toBe(file.bytes);
      const root = file.remote ? `${outDir}-res` : outDir;
      expect((await readFile(join(root, file.out))).equals(bytes), file.out).toBe(true);
    }
    expect(contentBytes(analysis.layout.files.find((file) => file.content === null)!)).toBeNull();
  });
});
