/**
 * Image compression at build ("optimize"): the PNGs and JPEGs of the pressed packages encoded now
 * with the build's own encoders (optimize/), through its cache, so the saving is measured on the
 * files, not estimated, and the plan's layout finds every encoding already made. Lossless PNG is
 * safe (the same pixels); a palette or a JPEG quality changes the pictures, so those rank below
 * and say what they cost.
 */
import type { OptimizeSettings } from '../../../../shared/optimize.js';
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { measureSavings, PALETTE_MIN_PSNR_DB, type FileSaving } from '../../optimize/index.js';
import { filesStartingLikeImages } from '../../optimize/sniff.js';
import { isImage } from '../../optimize/targets.js';
import { formatBytes } from '../../report.js';
import type { PlannedFile } from '../../types.js';
import { retainNameOf } from '../evaluate.js';
import { optimizeWith, type FitContext, type FitOption, type FitProposer, type ProposedAction } from '../context.js';
import { MAX_EXAMPLES } from './examples.js';

/** The JPEG quality proposed: visually close for photos, and the Build panel's suggestion. */
export const PROPOSED_JPEG_QUALITY = 80;
/** Below this saving in all, compression is not worth a plan. */
export const MIN_SAVING_BYTES = 1024;
/** The reasons (optimize/encode.ts) of a file that is not an image of its extension's kind. */
const NOT_AN_IMAGE = /^could not be decoded|^is .* inside$/;

interface Candidate {
  readonly delta: OptimizeSettings;
  readonly kind: 'png' | 'jpeg';
  readonly title: string;
  readonly safety: ProposedAction['safety'];
  readonly promise: string;
  readonly limits: readonly string[];
}

export const compressProposer: FitProposer = {
  id: 'compress-images',
  async propose(ctx: FitContext): Promise<FitOption[]> {
    const { settings, report } = ctx.analysis;
    const pressedAll = ctx.current.packages.every((p) => p.status === 'ok');
    const pressed = new Set(ctx.current.packages.filter((p) => pressedAll || p.status !== 'ok').map((p) => p.name));
    // What each image ships as now (compressed already when the project sets "optimize").
    const shipped = new Map<string, number>();
    for (const file of report.files) if (!file.remote && pressed.has(file.package) && isImage(file.path)) shipped.set(file.path, file.bytes);
    if (shipped.size === 0) return [];
    // The project file's own keys (an "exclude" alone counts too: the settings drop an "optimize" without a mode).
    const own = settings.projectFile?.optimize ?? settings.optimize;
    const stats = new Map<string, PlannedFile>();
    for (const path of shipped.keys()) {
      const file = ctx.byPath.get(path);
      if (file) stats.set(path, file);
    }
    // Only files that start like an image are hashed and encoded (a .png of other bytes ships as it is anyway).
    const images = new Set((await filesStartingLikeImages(settings.sourceDir, [...stats.values()], ctx.hashes)).map((f) => f.path));
    for (const path of shipped.keys()) if (!images.has(path)) shipped.delete(path);
    if (shipped.size === 0) return [];
    // A file that is no image of its kind inside (it could not be decoded) is not tried again in another mode.
    const notImages = new Set<string>();
    const options: FitOption[] = [];
    for (const candidate of candidatesFor(own)) {
      const files = [...shipped.keys()].filter((path) => kindOf(path) === candidate.kind && !notImages.has(path));
      if (files.length === 0) continue;
      const optimize = optimizeWith(own, [candidate.delta]);
      const measured = await measureSavings({ sourceDir: settings.sourceDir, outDir: settings.outDir, files, optimize, hashes: ctx.hashes, stats, retain: retainNameOf({ outDir: settings.outDir, optimize }) });
      for (const file of measured.files) if (file.mode === null && NOT_AN_IMAGE.test(file.reason ?? '')) notImages.add(file.path);
      const action = actionOf(ctx, candidate, measured.files, shipped, pressed);
      if (action) options.push({ title: candidate.title, actions: [action] });
    }
    return options;
  },
};

function kindOf(path: string): 'png' | 'jpeg' {
  return path.toLowerCase().endsWith('.png') ? 'png' : 'jpeg';
}

/** What the project does not compress yet, or compresses less than proposed. */
function candidatesFor(own: OptimizeSettings | undefined): Candidate[] {
  const out: Candidate[] = [];
  if (own?.png === undefined) {
    out.push({
      delta: { png: 'lossless' },
      kind: 'png',
      title: 'Compress PNGs losslessly at build (the same pixels)',
      safety: 'safe',
      promise: 'pixels identical (each file decoded and compared)',
      limits: [],
    });
  }
  if (own?.png !== 'palette') {
    out.push({
      delta: { png: 'palette' },
      kind: 'png',
      title: 'Compress PNGs to 256-colour palettes at build (the pictures change)',
      safety: 'probable',
      promise: `at most 256 colours, each at PSNR ≥ ${PALETTE_MIN_PSNR_DB} dB against the original (else lossless)`,
      limits: [
        `Lossy: each PNG is reduced to at most 256 colours, dithered; a file ships so only when its PSNR against the original is at least ${PALETTE_MIN_PSNR_DB} dB, else losslessly. Smooth gradients may band and pixel art may change: look at them in the project tree's before/after preview (⇆), and list any that must stay exact under "optimize.exclude".`,
      ],
    });
  }
  if (own?.jpeg === undefined || own.jpeg > PROPOSED_JPEG_QUALITY) {
    out.push({
      delta: { jpeg: PROPOSED_JPEG_QUALITY },
      kind: 'jpeg',
      title: `Re-encode JPEGs at quality ${PROPOSED_JPEG_QUALITY} at build (the pictures change)`,
      safety: 'probable',
      promise: `quality ${PROPOSED_JPEG_QUALITY}`,
      limits: [
        `Lossy: JPEGs are re-encoded at quality ${PROPOSED_JPEG_QUALITY}; fine detail and sharp edges (text, outlines) soften a little. Compare them in the project tree's before/after preview (⇆); your files stay as they are.`,
      ],
    });
  }
  return out;
}

function actionOf(ctx: FitContext, candidate: Candidate, files: readonly FileSaving[], shipped: ReadonlyMap<string, number>, pressed: ReadonlySet<string>): ProposedAction | null {
  const smaller = files
    .map((file) => ({ path: file.path, now: shipped.get(file.path) ?? file.before, after: file.after }))
    .filter((file) => file.after < file.now)
    .sort((a, b) => b.now - b.after - (a.now - a.after) || (a.path < b.path ? -1 : 1));
  const now = smaller.reduce((sum, f) => sum + f.now, 0);
  const after = smaller.reduce((sum, f) => sum + f.after, 0);
  if (now - after < MIN_SAVING_BYTES) return null;
  const noun = candidate.kind === 'png' ? 'PNG' : 'JPEG';
  const where = describePackages(pressed);
  const asTheyAre = files.length - smaller.length;
  const reasons = countReasons(files.filter((f) => !smaller.some((s) => s.path === f.path)));
  return {
    kind: 'compress-images',
    title: `Image compression: ${smaller.length} ${noun}${smaller.length === 1 ? '' : 's'} of ${where} save ${formatBytes(now - after)} (${formatBytes(now)} → ${formatBytes(after)}), ${candidate.promise}; below, what each saves`,
    files: smaller.length,
    bytes: now - after,
    examples: smaller.slice(0, MAX_EXAMPLES).map((f) => ({ path: f.path, bytes: f.now - f.after })),
    safety: candidate.safety,
    codeChange: null,
    evidence: [
      `Measured, not estimated: each of the ${files.length} ${noun}s of ${where} was encoded with the build's own encoder (the results are cached; the build uses them).`,
      ...(asTheyAre > 0 ? [`${asTheyAre} ship as they are: ${reasons}.`] : []),
      'Your files stay as they are: only the built package holds the compressed bytes.',
    ],
    uncertain: [],
    limits: candidate.limits,
    needsInput: null,
    delta: { optimize: candidate.delta },
  };
}

function describePackages(pressed: ReadonlySet<string>): string {
  const names = [...pressed].map((name) => (name === MAIN_PACKAGE ? 'the main package' : `subpackage "${name}"`));
  return names.length <= 2 ? names.join(' and ') : `${names.length} packages`;
}

function countReasons(files: readonly FileSaving[]): string {
  const counts = new Map<string, number>();
  for (const file of files) {
    const reason = (file.reason ?? 'not smaller').replace(/ \(.*$/, '');
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => `${reason} (${count})`).join('; ');
}
