/**
 * Why a file the game asked for is not in the build, from the build's report: left out (not on the
 * upload whitelist, or excluded), renamed (MD5 cache), moved to OUT-res (remote), or not in the
 * project at all.
 */
import { PLATFORM_LABELS } from '../../../shared/platforms.js';
import type { BuildIndex } from './build-index.js';

export interface MissingFile {
  readonly path: string;
  readonly reason: string;
}

export function whyMissing(path: string, index: BuildIndex): string {
  const report = index.report;
  const excluded = report?.excluded.find((e) => e.path === path);
  if (excluded?.reason === 'not-whitelisted') {
    const ext = /\.[^./]+$/.exec(path)?.[0] ?? '(no extension)';
    return `${path} was requested, but ${ext} is not on the ${PLATFORM_LABELS[index.platform]} upload whitelist, so the build left it out`;
  }
  if (excluded) return `${path} was requested, but the project's exclude rules left it out of the build`;
  const built = report?.files.find((f) => f.path === path);
  if (built?.remote) return `${path} was requested from the package, but the build moved it to the Remote URL (OUT-res/${built.out}): load it with minigameStudio.load()`;
  if (built && built.out !== path) return `${path} was requested, but the build named it ${built.out} (MD5 cache): look it up with minigameStudio.resolve()`;
  if (index.report === null) return `${path} was requested, but it is not in the build (no report beside OUT to say why)`;
  return `${path} was requested, but it is not in the project`;
}
