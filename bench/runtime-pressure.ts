/**
 * The runtime under storage pressure, side by side with reference figures for Cocos Creator 3.8's
 * mini game cache manager (measured once, on the same simulated wx and loopback server, and quoted
 * here: Cocos's code is not part of this repository and the bench runs offline). The scenario: 300
 * remote files, 30 MiB in all, a 20 MiB user-file quota. Cold launch, three relaunches, then a
 * relaunch after the game's own files took 4 MiB of the quota. Counts are deterministic (fixed
 * sizes and bytes); times are this machine's.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScenario, playSession, type FixtureFile, type SessionFigures } from '../resources/runtime/test-support/index.js';
import { ms, type Figure } from './figure.js';

const MIB = 1024 * 1024;

/**
 * Quoted from the side-by-side measurement (300 files, 30 MiB, 20 MiB quota): Cocos 3.8, and
 * this runtime before the change. Reference numbers, not measured by this bench.
 */
export const REFERENCE = {
  cocos: { coldUsableMs: 531, coldPersistedMs: 151_000, relaunchRequests: 170 },
  before: { coldUsableMs: 760, coldPersistedMs: 2_000, relaunchRequests: 213, relaunchCorrect: 295 },
} as const;

interface Shape { readonly files: number; readonly totalBytes: number; readonly quotaBytes: number; readonly gameBytes: number }
const FULL: Shape = { files: 300, totalBytes: 30 * MIB, quotaBytes: 20 * MIB, gameBytes: 4 * MIB };
/** --quick (CI): the same proportions at a third of the size; the reference counts are scaled to it. */
const QUICK: Shape = { files: 100, totalBytes: 10 * MIB, quotaBytes: (20 * MIB) / 3, gameBytes: (4 * MIB) / 3 };

/** Sizes from a fixed seed (20–180 KiB before scaling), scaled to exactly `totalBytes`; bytes from the same seed. */
export function pressureFiles(shape: Shape): Record<string, FixtureFile> {
  let seed = 0x9e3779b9;
  const next = (): number => {
    seed ^= seed << 13; seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5; seed >>>= 0;
    return seed;
  };
  const raw = Array.from({ length: shape.files }, () => 20 + (next() % 161));
  const sum = raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((r) => Math.floor((r * shape.totalBytes) / sum));
  sizes[sizes.length - 1]! += shape.totalBytes - sizes.reduce((a, b) => a + b, 0);
  const files: Record<string, FixtureFile> = {};
  sizes.forEach((size, i) => {
    const words = new Uint32Array(Math.ceil(size / 4));
    for (let w = 0; w < words.length; w++) words[w] = next();
    files[`assets/a${String(i).padStart(3, '0')}.bin`] = { body: Buffer.from(words.buffer, 0, size) };
  });
  return files;
}

interface Measured {
  readonly cold: SessionFigures;
  readonly relaunches: readonly SessionFigures[];
  /** The game's own files hold part of the quota before the first launch: cold, then a relaunch. */
  readonly pressure: { readonly cold: Refused; readonly relaunch: Refused };
  /** The first relaunch with every cache hit checked by sha1 digest, against sizes only (null when not measured). */
  readonly verify: { readonly digestMs: number; readonly sizeOnlyMs: number | null; readonly p99StallMs: number; readonly sizeOnlyP99StallMs: number | null };
}
/** Saves the quota refused, and index writes it refused (the index then takes the room of files saved but not yet used from the cache). */
type Refused = SessionFigures & { readonly refusedWrites: number; readonly refusedIndexWrites: number };

const stallMonitor = (): { stop(): number } => {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  return { stop: () => { h.disable(); return h.percentile(99) / 1e6; } };
};

/**
 * The index is written at flush() only (not debounced): the cap the runtime learns from the first
 * refused write counts the index file present at that moment, so a debounced write landing earlier
 * or later would move the cached count by a file from run to run.
 */
const CONFIG = { indexDelayMs: 600_000 };

async function measure(shape: Shape, files: Record<string, FixtureFile>, sizeOnly: boolean): Promise<Measured> {
  const scenario = await createScenario({ kind: 'wx', files, quotaBytes: shape.quotaBytes });
  let cold: SessionFigures;
  const relaunches: SessionFigures[] = [];
  let p99StallMs = 0;
  try {
    cold = (await playSession(scenario, files, { config: CONFIG })).figures;
    for (let run = 0; run < 3; run++) {
      const stall = stallMonitor();
      relaunches.push((await playSession(scenario, files, { config: CONFIG })).figures);
      if (run === 0) p99StallMs = stall.stop(); else stall.stop();
    }
  } finally {
    await scenario.dispose();
  }
  const pressure = await underPressure(shape, files);
  const plain = sizeOnly ? await sizeOnlyRelaunch(shape, files) : null;
  return {
    cold, relaunches, pressure,
    verify: { digestMs: relaunches[0]!.usableMs, sizeOnlyMs: plain?.ms ?? null, p99StallMs, sizeOnlyP99StallMs: plain?.p99StallMs ?? null },
  };
}

async function underPressure(shape: Shape, files: Record<string, FixtureFile>): Promise<Measured['pressure']> {
  const scenario = await createScenario({ kind: 'wx', files, quotaBytes: shape.quotaBytes });
  try {
    await writeFile(path.join(scenario.userDataDir, 'game-save.dat'), Buffer.alloc(shape.gameBytes, 1));
    const session = async (): Promise<Refused> => {
      const { rt, figures } = await playSession(scenario, files, { config: CONFIG });
      const refused = rt.platform.fs.trace.filter((e) => e.op === 'full');
      const index = refused.filter((e) => /\/index\.json(\.tmp)?$/.test(e.path)).length;
      return { ...figures, refusedWrites: refused.length - index, refusedIndexWrites: index };
    };
    const cold = await session();
    return { cold, relaunch: await session() };
  } finally {
    await scenario.dispose();
  }
}

/** The same first relaunch on a platform without getFileInfo (sizes only), for the cost of digests. */
async function sizeOnlyRelaunch(shape: Shape, files: Record<string, FixtureFile>): Promise<{ ms: number; p99StallMs: number }> {
  const scenario = await createScenario({ kind: 'wx', files, quotaBytes: shape.quotaBytes, platform: { digests: false } });
  try {
    await playSession(scenario, files, { config: CONFIG });
    const stall = stallMonitor();
    const ms = (await playSession(scenario, files, { config: CONFIG })).figures.usableMs;
    return { ms, p99StallMs: stall.stop() };
  } finally {
    await scenario.dispose();
  }
}

export async function runtimePressureFigures(quick: boolean): Promise<Figure[]> {
  const shape = quick ? QUICK : FULL;
  const m = await measure(shape, pressureFiles(shape), !quick);
  printSideBySide(shape, m);
  const n = shape.files;
  const scale = n / FULL.files;
  const cocos = REFERENCE.cocos;
  const cocosRequests = Math.round(cocos.relaunchRequests * scale);
  const scaled = quick ? `, scaled to ${n} files` : '';
  const relaunchRequests = m.relaunches.map((r) => r.requests);
  const relaunchCorrect = m.relaunches.map((r) => r.correct);
  const p = m.pressure;
  return [
    {
      id: 'R1', label: `runtime pressure: cold, until all ${n} usable`, target: `Cocos ${cocos.coldUsableMs} ms (reference${scaled ? ', 300 files' : ''})`,
      measured: `${ms(m.cold.usableMs)}, ${m.cold.correct}/${n} correct, ${m.cold.requests} requests`,
      ratio: `${(m.cold.usableMs / cocos.coldUsableMs).toFixed(2)}× Cocos`,
      pass: quick ? null : m.cold.correct === n && m.cold.usableMs <= cocos.coldUsableMs,
      raw: { usableMs: m.cold.usableMs, correct: m.cold.correct, requests: m.cold.requests, cocosUsableMs: cocos.coldUsableMs },
    },
    {
      id: 'R2', label: 'runtime pressure: cold, until the cache has settled', target: `≤ ${ms(REFERENCE.before.coldPersistedMs)} (Cocos ${cocos.coldPersistedMs / 1000} s)`,
      measured: `${ms(m.cold.settledMs)}, ${m.cold.cachedFiles} files / ${(m.cold.cachedBytes / MIB).toFixed(1)} MiB cached`,
      ratio: `${(m.cold.settledMs / cocos.coldPersistedMs).toFixed(3)}× Cocos`,
      pass: m.cold.settledMs <= REFERENCE.before.coldPersistedMs,
      raw: { settledMs: m.cold.settledMs, cachedFiles: m.cold.cachedFiles, cachedBytes: m.cold.cachedBytes, cocosPersistedMs: cocos.coldPersistedMs },
    },
    {
      id: 'R3', label: 'runtime pressure: relaunch ×3, requests and correct', target: `< Cocos ${cocosRequests} requests${scaled}; ${n}/${n}`,
      measured: `${relaunchRequests.join(' / ')} requests; ${relaunchCorrect.join(' / ')} correct; ${m.relaunches.map((r) => ms(r.usableMs)).join(' / ')}`,
      ratio: `${(Math.max(...relaunchRequests) / cocosRequests).toFixed(2)}× Cocos`,
      pass: relaunchRequests.every((r) => r < cocosRequests) && relaunchCorrect.every((c) => c === n),
      raw: { requestsMax: Math.max(...relaunchRequests), correctMin: Math.min(...relaunchCorrect), usableMs: m.relaunches[0]!.usableMs, cocosRequests },
    },
    {
      id: 'R4', label: `runtime pressure: the game's own ${(shape.gameBytes / MIB).toFixed(1)} MiB in the quota`, target: `${n}/${n}; relaunch: 0 saves refused`,
      measured: `cold ${p.cold.correct}/${n}, ${p.cold.refusedWrites} save(s) refused; relaunch ${p.relaunch.requests} requests, ${p.relaunch.correct}/${n}, ` +
        `${p.relaunch.refusedWrites} save(s) and ${p.relaunch.refusedIndexWrites} index write(s) refused`,
      ratio: '—',
      pass: p.cold.correct === n && p.relaunch.correct === n && p.relaunch.refusedWrites === 0,
      raw: {
        coldCorrect: p.cold.correct, coldRefusedWrites: p.cold.refusedWrites,
        relaunchRequests: p.relaunch.requests, relaunchCorrect: p.relaunch.correct, relaunchRefusedWrites: p.relaunch.refusedWrites,
        relaunchRefusedIndexWrites: p.relaunch.refusedIndexWrites,
      },
    },
    {
      id: 'R5', label: 'runtime: verifying cache hits by sha1 digest', target: 'reported',
      measured: `relaunch 1 (digests) ${ms(m.verify.digestMs)}, relaunch 2 (unchanged files trusted) ${ms(m.relaunches[1]!.usableMs)}` +
        (m.verify.sizeOnlyMs === null ? '' : `, sizes only ${ms(m.verify.sizeOnlyMs)}`) +
        `; event-loop delay p99 ${ms(m.verify.p99StallMs)}` + (m.verify.sizeOnlyP99StallMs === null ? '' : ` (sizes only ${ms(m.verify.sizeOnlyP99StallMs)})`),
      ratio: m.verify.sizeOnlyMs === null ? '—' : `${(m.verify.digestMs / m.verify.sizeOnlyMs).toFixed(2)}×`,
      pass: null,
      raw: {
        digestMs: m.verify.digestMs, trustedMs: m.relaunches[1]!.usableMs, sizeOnlyMs: m.verify.sizeOnlyMs ?? NaN,
        p99StallMs: m.verify.p99StallMs, sizeOnlyP99StallMs: m.verify.sizeOnlyP99StallMs ?? NaN,
      },
    },
  ];
}

function printSideBySide(shape: Shape, m: Measured): void {
  const c = REFERENCE.cocos;
  const b = REFERENCE.before;
  const n = shape.files;
  const rows = [
    ['', 'Cocos 3.8 (reference)', 'before (reference)', 'now (measured)'],
    ['cold: until all usable', ms(c.coldUsableMs), ms(b.coldUsableMs), ms(m.cold.usableMs)],
    ['cold: until persisted', ms(c.coldPersistedMs), ms(b.coldPersistedMs), ms(m.cold.settledMs)],
    ['relaunch: requests', String(c.relaunchRequests), String(b.relaunchRequests), m.relaunches.map((r) => r.requests).join(' / ')],
    ['relaunch: correct', '—', `${b.relaunchCorrect}/${FULL.files}`, m.relaunches.map((r) => `${r.correct}/${n}`).join(' / ')],
    ['pressure: relaunch requests, correct', '—', '—', `${m.pressure.relaunch.requests}, ${m.pressure.relaunch.correct}/${n}`],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const size = (b: number): string => `${+(b / MIB).toFixed(1)} MiB`;
  console.log(`\nRuntime under storage pressure: ${n} files, ${size(shape.totalBytes)}, ${size(shape.quotaBytes)} quota` +
    (n === FULL.files ? '' : ' (the reference columns are for 300 files, 30 MiB, 20 MiB)'));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
  console.log('');
}

// `npx tsx bench/runtime-pressure.ts [--quick]`: R1–R5 alone, without the build scenarios.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const f of await runtimePressureFigures(process.argv.includes('--quick'))) {
    console.log(`${f.id} ${f.label}: ${f.measured} (target ${f.target}; ${f.pass === null ? 'info' : f.pass ? 'pass' : 'MISS'})`);
  }
}
