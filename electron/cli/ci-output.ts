/** `--format github` and `--junit FILE` for build and report: the report in the forms CI reads. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../engine/atomic-write.js';
import { annotation, annotations } from '../engine/ci/github-annotations.js';
import { isStudioError } from '../engine/errors.js';
import type { ProjectSettings } from '../engine/types.js';
import type { Report } from '../../shared/report.js';
import type { Command, Io } from './args.js';

function places(settings: Pick<ProjectSettings, 'sourceDir' | 'projectDir'>, io: Io) {
  return { sourceDir: settings.sourceDir, projectDir: settings.projectDir, cwd: io.cwd };
}

async function writeJunit(path: string, xml: string, io: Io): Promise<void> {
  try {
    // The folder the user named may not exist yet (a fresh CI checkout): make it, as test runners do.
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, xml);
  } catch (error) {
    io.stderr.write(`error: the JUnit file ${path} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check that its folder can be written.\n`);
  }
}

/** Before the summary: annotations on stdout (the runner reads them there); the JUnit file. */
export async function emitCiOutput(command: Command, io: Io, report: Report, settings: ProjectSettings): Promise<void> {
  if (command.format === 'github') io.stdout.write(annotations(report.problems, places(settings, io)));
  // The XML builder is loaded only when a JUnit file is asked for.
  if (command.junit) await writeJunit(command.junit, (await import('../engine/ci/junit.js')).reportToJunit(report), io);
}

/** Nothing could be analysed: the failure as one annotation and one failed test. */
export async function emitCiFailure(command: Command, io: Io, error: unknown): Promise<void> {
  const code = isStudioError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  if (command.format === 'github') {
    const path = isStudioError(error) ? (error.options.path ?? null) : null;
    io.stdout.write(`${annotation({ severity: 'error', code, message, path, field: undefined }, { sourceDir: '/', projectDir: '/', cwd: io.cwd })}\n`);
  }
  if (command.junit) await writeJunit(command.junit, (await import('../engine/ci/junit.js')).failureToJunit(code, message), io);
}
