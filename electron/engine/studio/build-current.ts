/**
 * A build of the open project, as the Build button and the simulator's reload run it: from the
 * live analysis when that is current (no rescan of the plan, OUT updated in place), else from the
 * files on disk. buildFromAnalysis itself falls back to a full build when the disk disagrees.
 */
import { buildFromAnalysis, buildProject, type BuildOptions, type BuildOutcome } from '../index.js';
import type { SettingsOverrides } from '../types.js';
import type { ProjectSession } from './project-session.js';

export async function buildCurrent(session: ProjectSession, overrides: SettingsOverrides, options: BuildOptions): Promise<BuildOutcome> {
  const analysis = await session.analysis();
  return analysis
    ? buildFromAnalysis(analysis, { ...options, dir: session.dir, overrides })
    : buildProject(session.dir, overrides, options);
}
