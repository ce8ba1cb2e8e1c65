/** Test helpers for the studio: temp copies of the sample game and an event recorder. */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { StudioEventName, StudioEvents } from '../../../shared/api.js';
import { createStudio, type Studio, type StudioOptions } from './create-studio.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const BUNDLED_SAMPLE = join(REPO_ROOT, 'resources', 'sample-game');

export interface Workspace {
  readonly root: string;
  readonly project: string;
  readonly userData: string;
  dispose(): Promise<void>;
}

/** A temp folder with a copy of the sample game (without any build of it) and an empty user-data folder. */
export async function makeWorkspace(): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'mgs-studio-'));
  const project = join(root, 'game');
  await cp(BUNDLED_SAMPLE, project, { recursive: true, filter: (source) => relative(BUNDLED_SAMPLE, source).split(sep)[0] !== 'build' });
  return { root, project, userData: join(root, 'user-data'), dispose: () => rm(root, { recursive: true, force: true }) };
}

/** The studio over a workspace as the app makes it: English, events dropped unless `emit` is given. */
export function studioFor(work: Workspace, options: Partial<StudioOptions> = {}): Studio {
  return createStudio({ userDataDir: work.userData, resourcesDir: join(REPO_ROOT, 'resources'), emit: () => {}, locale: 'en-US', ...options });
}

/**
 * Puts `count` symlinks into the project (`linked/asset<i>.png` and at its top level), each to a
 * file in a folder beside it, outside the project: the shape of an asset folder shared between games.
 */
export async function linkOutsideFiles(work: Workspace, count: number): Promise<void> {
  const outside = join(work.root, 'shared-assets');
  await mkdir(outside, { recursive: true });
  await mkdir(join(work.project, 'linked'), { recursive: true });
  for (let i = 0; i < count; i++) {
    const target = join(outside, `asset${i}.png`);
    await writeFile(target, Buffer.alloc(16, i));
    await symlink(target, join(work.project, i % 2 === 0 ? 'linked' : '.', `asset${i}.png`));
  }
}

export interface Recorded {
  readonly event: StudioEventName;
  readonly payload: unknown;
}

/** Records emitted events; `next` resolves with the first (already seen or future) event matching. */
export function eventRecorder() {
  const seen: Recorded[] = [];
  const waiters: { event: StudioEventName; test: (payload: never) => boolean; resolve: (payload: unknown) => void }[] = [];
  const emit = <E extends StudioEventName>(event: E, payload: StudioEvents[E]): void => {
    seen.push({ event, payload });
    for (const waiter of [...waiters]) {
      if (waiter.event === event && waiter.test(payload as never)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(payload);
      }
    }
  };
  return {
    emit,
    seen,
    of<E extends StudioEventName>(event: E): StudioEvents[E][] {
      return seen.filter((r) => r.event === event).map((r) => r.payload as StudioEvents[E]);
    },
    /** The next event of this kind emitted from now on that passes the test. */
    next<E extends StudioEventName>(event: E, test: (payload: StudioEvents[E]) => boolean = () => true): Promise<StudioEvents[E]> {
      return new Promise((resolvePayload) => {
        waiters.push({ event, test: test as (payload: never) => boolean, resolve: resolvePayload as (payload: unknown) => void });
      });
    },
  };
}

/** Every file under a folder with its bytes, for before/after comparisons. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full), (await readFile(full)).toString('base64'));
  }
  return files;
}
