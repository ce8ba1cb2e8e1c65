/**
 * A build replaces OUT, OUT-res and OUT.report.json as wholes and writes its own folder beside OUT,
 * so before it writes anything it proves that each of them is missing or the studio's own
 * (output/owner.ts), and that none is, or leads through a symlink to, the project itself. Every
 * refusal names the path, says what to do, and leaves everything as it was.
 */
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { StudioError } from '../errors.js';
import { isInsideOrSame } from '../paths.js';
import type { Locations } from './locations.js';
import { TEMP_PREFIX } from './locations.js';
import { holdsOnly, looksLikeReport, readManifestOf, readOwner, type OwnerRecord } from './owner.js';
import { kindOf, lstatOrNull, ownershipIdOf, realPathOf } from './real-paths.js';

export interface SourceDirs {
  readonly projectDir: string;
  readonly sourceDir: string;
}

type Role = 'out' | 'res' | 'report' | 'state';

function label(role: Role, path: string): string {
  switch (role) {
    case 'out':
      return `The output folder ${path}`;
    case 'res':
      return `The remote files' folder ${path} (OUT-res)`;
    case 'report':
      return `The report file ${path}`;
    case 'state':
      return `The studio's folder ${path}`;
  }
}

function refuse(code: string, message: string, path: string): StudioError {
  return new StudioError(`${message} Nothing was changed.`, { code, path, field: 'outDir' });
}

/** Types, symlinks and real paths: no file system writes, no ownership yet. */
export async function assertSafeLocations(locations: Locations, dirs: SourceDirs): Promise<void> {
  const realSource = await realPathOf(dirs.sourceDir);
  const realProject = await realPathOf(dirs.projectDir);
  // DIR/build/ (by its real name: a build/ that is a link elsewhere is judged where it leads) is never scanned.
  const skipped = join(realSource, 'build');
  const roles: [Role, string][] = [
    ['out', locations.out],
    ['res', locations.res],
    ['report', locations.report],
    ['state', locations.state],
  ];
  for (const [role, path] of roles) {
    const real = await realPathOf(path);
    const holder = [realSource, realProject].find((dir) => isInsideOrSame(dir, real));
    const via = real === path ? '' : ` leads to ${real}, which`;
    const advice = "Choose an output folder under the project's build/ folder, or outside the project.";
    if (holder) {
      throw refuse('OUTPUT_INSIDE_SOURCE', `${label(role, path)}${via} contains the project ${holder}; building would replace it. ${advice}`, path);
    }
    if (isInsideOrSame(real, realSource) && !isInsideOrSame(real, skipped)) {
      throw refuse('OUTPUT_INSIDE_SOURCE', `${label(role, path)}${via} is inside the game ${realSource}, so the next build would package this one. ${advice}`, path);
    }
    const stats = await lstatOrNull(path);
    if (!stats) continue;
    if (stats.isSymbolicLink()) {
      // A dangling link has no real path: name what it says.
      const target = real === path ? readlinkSync(path) : real;
      throw refuse('OUTPUT_IS_LINK', `${label(role, path)} is a symbolic link to ${target}; the studio replaces only what it wrote itself, and never through a link. Remove the link, or choose ${target} itself as the output folder.`, path);
    }
    const wanted = role === 'report' ? stats.isFile() : stats.isDirectory();
    if (!wanted) {
      throw refuse(
        'OUTPUT_NOT_A_FOLDER',
        `${label(role, path)} is ${kindOf(stats)}, not ${role === 'report' ? 'a file' : 'a folder'} the studio wrote; building would replace it. Move it away, or choose another output folder (--out).`,
        path,
      );
    }
  }
}

/**
 * What the studio puts in its folder: the build's records, the build history, the compression
 * cache, a developer tool's QR (DevTools' PNG, miniprogram-ci's JPEG) and size report, the
 * simulator's screenshot.
 */
const STATE_ENTRY = /^(owner\.json|cache\.json|cache\.log|journal\.json|lock|history|optimize|simulate\.png|[a-z]+-(qr\.(png|jpg)|info\.json)|\..+\.tmp)$/;

/**
 * The studio's folder beside OUT: missing, or holding only what the studio puts there. Returns its
 * ownership record (null when there is none yet) and whether a build's renames are pending.
 */
export async function inspectState(locations: Locations): Promise<{ owner: OwnerRecord | null; journal: boolean }> {
  const stats = await lstatOrNull(locations.state);
  if (!stats) return { owner: null, journal: false };
  const owner = await readOwner(locations.owner);
  const entries = readdirSync(locations.state);
  if (!owner && entries.some((name) => !STATE_ENTRY.test(name) && !name.startsWith(TEMP_PREFIX))) {
    throw refuse('OUTPUT_NOT_OURS', `${label('state', locations.state)} holds files the studio did not write. Move it away, or choose another output folder (--out).`, locations.state);
  }
  return { owner, journal: entries.includes('journal.json') };
}

export interface Ownership {
  /** The files the studio wrote in OUT, or null when it cannot tell them apart (OUT from an older build, or none). */
  readonly outFiles: ReadonlySet<string> | null;
  /**
   * Set when the ownership record vouches for OUT, OUT-res and the report as they are now, each by
   * identity, and lists the files of both folders: then a build may update them in place
   * (output/in-place.ts). Null: the build replaces them whole.
   */
  readonly recorded: { readonly outFiles: ReadonlySet<string>; readonly resFiles: ReadonlySet<string>; readonly hasRes: boolean } | null;
}

/** The record's file lists as sets, made once per record (a remembered record is read again at every build). */
const setsOf = new WeakMap<OwnerRecord, { readonly files: ReadonlySet<string>; readonly resFiles: ReadonlySet<string> }>();

function ownerSets(owner: OwnerRecord): { readonly files: ReadonlySet<string>; readonly resFiles: ReadonlySet<string> } {
  let sets = setsOf.get(owner);
  if (!sets) setsOf.set(owner, (sets = { files: new Set(owner.files), resFiles: new Set(owner.resFiles) }));
  return sets;
}

function isEmpty(dir: string): boolean {
  return readdirSync(dir).length === 0;
}

/** OUT, OUT-res and the report are each missing, empty, or proven the studio's. */
export async function assertOwned(locations: Locations, owner: OwnerRecord | null): Promise<Ownership> {
  const out = await lstatOrNull(locations.out);
  let outFiles: ReadonlySet<string> | null = null;
  let manifest: { remote: Set<string> } | null = null;
  if (out) {
    if (owner && owner.out === ownershipIdOf(out)) outFiles = ownerSets(owner).files;
    else if (!isEmpty(locations.out)) {
      manifest = await readManifestOf(locations.out);
      if (!manifest) {
        throw refuse(
          'OUTPUT_NOT_EMPTY',
          `${label('out', locations.out)} already holds files the studio did not write; building would replace them. Empty it, or choose another output folder (--out).`,
          locations.out,
        );
      }
    }
  }

  const res = await lstatOrNull(locations.res);
  if (res && !(owner && owner.res === ownershipIdOf(res)) && !isEmpty(locations.res)) {
    const proven = manifest ?? (out ? await readManifestOf(locations.out) : null);
    if (!proven || !(await holdsOnly(locations.res, proven.remote))) {
      throw refuse(
        'OUTPUT_NOT_OURS',
        `${label('res', locations.res)} holds files the studio did not write; building would replace or remove it. Move it away, or choose another output folder (--out).`,
        locations.res,
      );
    }
  }

  const report = await lstatOrNull(locations.report);
  if (report && !(owner && owner.report === ownershipIdOf(report)) && !(owner === null && (await looksLikeReport(locations.report)))) {
    throw refuse(
      'OUTPUT_NOT_OURS',
      `${label('report', locations.report)} is not a report the studio wrote; building would replace it. Move it away, or choose another output folder (--out).`,
      locations.report,
    );
  }
  const provenByRecord =
    owner !== null &&
    out !== null &&
    owner.resFiles !== undefined &&
    (res ? owner.res === ownershipIdOf(res) : owner.res === null) &&
    (report ? owner.report === ownershipIdOf(report) : owner.report === null);
  const recorded = provenByRecord && outFiles && owner ? { outFiles, resFiles: ownerSets(owner).resFiles, hasRes: res !== null } : null;
  return { outFiles, recorded };
}
