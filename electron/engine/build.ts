/**
 * writeOutput: writes the layout to OUT (and OUT-res) atomically. Everything goes into temporary
 * folders beside OUT, then renames put them in place; a failure or a cancel at any point removes
 * the temporary folders and leaves the previous OUT and OUT-res byte-identical. The report is
 * written beside OUT as OUT.report.json.
 */
import { constants } from 'node:fs';
import { access, copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Report } from '../../shared/report.js';
import { cancelled, sourceUnreadable, writeFailure } from './output/write-errors.js';
import { assertReplaceable } from './output/guards.js';
import { dropPrevious, swapAll, type Swap } from './output/swap.js';
import { mapLimit } from './output/concurrency.js';
import { remoteDirFor } from './output/layout.js';
import type { BuildProgressInfo, OutputFile, OutputLayout, Plan } from './types.js';

/** Copies at once: keeps the disk busy without running out of file handles. */
const WRITE_CONCURRENCY = 32;
const PROGRESS_INTERVAL_MS = 100;

/** The file operations a build uses; tests pass failing ones to prove the build is atomic. */
export interface FsOps {
  copyFile(src: string, dest: string, mode: number): Promise<void>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
}

export interface WriteOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: BuildProgressInfo) => void;
  readonly fsOps?: FsOps;
}

const realFs: FsOps = { copyFile, writeFile: (path, data) => writeFile(path, data) };

export function reportPathFor(outDir: string): string {
  return `${outDir}.report.json`;
}

export async function writeOutput(plan: Plan, layout: OutputLayout, report: Report, options: WriteOptions = {}): Promise<void> {
  const { settings } = plan;
  const fs = options.fsOps ?? realFs;
  const outDir = settings.outDir;
  const remoteDir = layout.remoteDir ?? remoteDirFor(outDir);
  await assertReplaceable(outDir, remoteDir, [settings.projectDir, settings.sourceDir]);

  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true }).catch((error: unknown) => {
    throw writeFailure(error, parent);
  });
  const temps: string[] = [];
  const makeTemp = async (): Promise<string> => {
    const dir = await mkdtemp(join(parent, `.${basename(outDir)}.tmp-`)).catch((error: unknown) => {
      throw writeFailure(error, parent);
    });
    temps.push(dir);
    return dir;
  };

  try {
    const freshOut = await makeTemp();
    const freshRes = layout.remoteDir ? await makeTemp() : null;
    const reportTemp = join(await makeTemp(), 'report.json');
    await writeFiles(layout.files, { settings, freshOut, freshRes, outDir, remoteDir }, fs, options);
    await fs.writeFile(reportTemp, `${JSON.stringify(report, null, 2)}\n`).catch((error: unknown) => {
      throw writeFailure(error, reportPathFor(outDir));
    });
    if (options.signal?.aborted) throw cancelled();

    const swaps: Swap[] = [
      { fresh: freshOut, target: outDir, previous: `${freshOut}.previous` },
      { fresh: freshRes, target: remoteDir, previous: `${freshOut}.previous-res` },
    ];
    await swapAll(swaps).catch((error: unknown) => {
      throw writeFailure(error, outDir);
    });
    await rename(reportTemp, reportPathFor(outDir)).catch((error: unknown) => {
      throw writeFailure(error, reportPathFor(outDir));
    });
    await dropPrevious(swaps);
  } finally {
    await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}

interface Targets {
  readonly settings: Plan['settings'];
  readonly freshOut: string;
  readonly freshRes: string | null;
  readonly outDir: string;
  readonly remoteDir: string;
}

async function writeFiles(files: readonly OutputFile[], targets: Targets, fs: FsOps, options: WriteOptions): Promise<void> {
  const { signal, onProgress } = options;
  const where = (file: OutputFile): { temp: string; final: string } => {
    const base = file.remote ? targets.freshRes : targets.freshOut;
    if (!base) throw new Error(`${file.out} is remote, but the layout has no remote folder`);
    return { temp: join(base, file.out), final: join(file.remote ? targets.remoteDir : targets.outDir, file.out) };
  };

  const dirs = [...new Set(files.map((file) => dirname(where(file).temp)))].sort();
  await mapLimit(dirs, WRITE_CONCURRENCY, (dir) => mkdir(dir, { recursive: true }).then(() => undefined), signal).catch(
    (error: unknown) => {
      throw signal?.aborted ? cancelled() : writeFailure(error, targets.outDir);
    },
  );

  const totalBytes = files.reduce((sum, file) => sum + file.bytes, 0);
  let done = 0;
  let bytes = 0;
  let lastReport = 0;
  const progress = (phase: BuildProgressInfo['phase']): void => {
    onProgress?.({ phase, files: done, totalFiles: files.length, bytes, totalBytes });
  };
  progress('write');

  await mapLimit(
    files,
    WRITE_CONCURRENCY,
    async (file) => {
      const { temp, final } = where(file);
      if (file.content !== null) {
        await fs.writeFile(temp, file.content).catch((error: unknown) => {
          throw writeFailure(error, final);
        });
      } else {
        const src = join(targets.settings.sourceDir, file.source ?? file.out);
        await fs.copyFile(src, temp, constants.COPYFILE_FICLONE).catch(async (error: unknown) => {
          const readable = await access(src, constants.R_OK).then(
            () => true,
            () => false,
          );
          throw readable ? writeFailure(error, final) : sourceUnreadable(file.source ?? file.out, error);
        });
      }
      done += 1;
      bytes += file.bytes;
      const now = Date.now();
      if (now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        progress('write');
      }
    },
    signal,
  ).catch((error: unknown) => {
    throw signal?.aborted ? cancelled() : error;
  });
  progress('done');
}
