/**
 * O1–O2: image compression at build ("optimize", docs/OPTIMIZE.md) on a project of PNGs.
 * O1: a build from nothing (no output, no cache) that encodes every image, against the same build
 * without compression. O2: a rebuild where nothing changed, in a fresh engine (as the CLI runs it),
 * with compression on, against the same rebuild of a copy without compression: the compression
 * cache beside OUT must make it encode nothing and cost little more. Encodes are counted, not timed.
 *
 * Alone (prints the two figures and the load average around them, writes nothing):
 *   npx tsx bench/optimize.ts [--quick]
 */
import { cp, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { buildProject } from '../electron/engine/index.js';
import { observeEncodes } from '../electron/engine/optimize/index.js';
import { photoPixels } from '../electron/engine/optimize/test-support/images.js';
import { ms, type Figure } from './figure.js';
import { median, settleDisk, timeRuns } from './measure.js';

/** A fixed day in the past, as generate.ts gives every file (a file saved a moment ago is checked by content). */
const OLD = new Date('2024-01-01T00:00:00Z');

async function generate(dir: string, images: number): Promise<number> {
  let bytes = 0;
  const files: [string, string | Buffer][] = [
    ['game.js', "console.log('bench');\n"],
    ['game.json', JSON.stringify({ deviceOrientation: 'portrait' })],
  ];
  for (let i = 0; i < images; i++) {
    const width = 64 + ((i * 37) % 97);
    const height = 64 + ((i * 53) % 89);
    const png = await sharp(photoPixels(width, height, i + 1), { raw: { width, height, channels: 4 } }).png({ compressionLevel: 6 }).toBuffer();
    bytes += png.length;
    files.push([`images/set${i % 10}/img${i}.png`, png]);
  }
  for (const [path, content] of files) {
    const abs = join(dir, path);
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, content);
    await utimes(abs, OLD, OLD);
  }
  return bytes;
}

const settingsFile = (optimize: boolean): string => JSON.stringify({ md5Cache: true, ...(optimize ? { optimize: { png: 'lossless' } } : {}) });

async function build(dir: string): Promise<{ savedBytes: number }> {
  const outcome = await buildProject(dir, { platform: 'wechat' });
  if (!outcome.built) throw new Error(`bench: the build of ${dir} wrote nothing (exit ${outcome.exitCode})`);
  return { savedBytes: outcome.analysis.report.optimize?.savedBytes ?? 0 };
}

export async function optimizeFigures(work: string, quick: boolean): Promise<Figure[]> {
  const images = quick ? 100 : 500;
  // Eleven: two medians of builds under 0.1 s, whose ratio five runs left to chance on a quiet machine (1.1–1.8×).
  const runs = quick ? 3 : 11;
  const on = join(work, 'optimize-on');
  const off = join(work, 'optimize-off');
  const sourceBytes = await generate(on, images);
  await cp(on, off, { recursive: true, preserveTimestamps: true });
  for (const [dir, optimize] of [[on, true], [off, false]] as const) {
    const path = join(dir, 'minigame-studio.json');
    await writeFile(path, settingsFile(optimize));
    await utimes(path, OLD, OLD);
  }

  let encodes = 0;
  const stop = observeEncodes(() => encodes++);
  try {
    // O1: cold, each run from nothing, alternating with the same build without compression.
    const cold: number[] = [];
    const plainCold: number[] = [];
    let savedBytes = 0;
    const coldRuns = quick ? 2 : 3;
    for (let i = 0; i < coldRuns; i++) {
      for (const [dir, times] of [[on, cold], [off, plainCold]] as const) {
        await rm(join(dir, 'build'), { recursive: true, force: true });
        await settleDisk();
        const start = performance.now();
        const result = await build(dir);
        times.push(performance.now() - start);
        if (dir === on) savedBytes = result.savedBytes;
      }
    }
    const coldEncodes = encodes / coldRuns;

    // O2: warm, nothing changed, a fresh engine each time; alternating, so load from elsewhere hits both alike.
    encodes = 0;
    const warmRuns: number[] = [];
    const plainWarmRuns: number[] = [];
    for (let i = 0; i < runs; i++) {
      warmRuns.push(...(await timeRuns(1, () => build(on).then(() => undefined))));
      plainWarmRuns.push(...(await timeRuns(1, () => build(off).then(() => undefined))));
    }
    const warmEncodes = encodes;
    const warm = median(warmRuns);
    const plainWarm = median(plainWarmRuns);
    const coldMs = median(cold);
    const plainColdMs = median(plainCold);
    return [
      {
        id: 'O1',
        label: `compression cold: ${images} PNGs lossless, from nothing`,
        target: 'reported',
        measured: `${ms(coldMs)} (without compression ${ms(plainColdMs)}), ${coldEncodes} encodes, saved ${((savedBytes / sourceBytes) * 100).toFixed(1)} % of ${(sourceBytes / 1e6).toFixed(1)} MB`,
        ratio: `${(coldMs / plainColdMs).toFixed(1)}×`,
        pass: null,
        raw: { coldMs, plainColdMs, encodes: coldEncodes, images, sourceBytes, savedBytes, runs: coldRuns, msPerImage: (coldMs - plainColdMs) / images },
      },
      {
        id: 'O2',
        label: `compression warm: rebuild, nothing changed (${images} PNGs)`,
        target: '0 encodes, ≤ 1.5× the rebuild without compression',
        measured: `${ms(warm)} (without compression ${ms(plainWarm)}), ${warmEncodes} encodes`,
        ratio: `${(warm / plainWarm).toFixed(2)}×`,
        pass: warmEncodes === 0 && warm / plainWarm <= 1.5,
        raw: { warmMs: warm, plainWarmMs: plainWarm, encodes: warmEncodes, images, runs },
      },
    ];
  } finally {
    stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const work = await mkdtemp(join(tmpdir(), 'mgs-bench-optimize-'));
  try {
    const before = loadavg()[0] ?? 0;
    for (const figure of await optimizeFigures(work, process.argv.includes('--quick'))) console.log(`${figure.id} ${figure.label}: ${figure.measured}, ${figure.ratio}`);
    console.log(`load average (1 min): ${before.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
