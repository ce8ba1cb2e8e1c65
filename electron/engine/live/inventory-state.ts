/**
 * The live inventory: a full scan once, then updated path by path from the watcher's events.
 * Only the changed paths are stat'ed. Each update hands out a new Inventory, so an analysis
 * already given to a listener never changes under it.
 */
import { join } from 'node:path';
import { compare, isSkippedPath, outsideLink, scan, statFile, type ScanOptions } from '../scan.js';
import type { Inventory, OutsideLink, ScannedFile, UnreadableEntry } from '../types.js';
import { recordDelta } from './inventory-delta.js';

export interface InventoryChanges {
  /** Files added or changed (relative POSIX paths). */
  readonly files: Iterable<string>;
  /** Folders removed: everything under them goes. */
  readonly removedFolders: Iterable<string>;
  readonly addedFolders: Iterable<string>;
}

export interface InventoryState {
  snapshot(): Inventory;
  /** Stat the changed paths; returns whether anything changed. */
  apply(changes: InventoryChanges): Promise<boolean>;
}

export interface InventoryOptions extends Pick<ScanOptions, 'followLinksOutside'> {
  readonly signal?: AbortSignal;
}

export async function createInventoryState(root: string, options: InventoryOptions = {}): Promise<InventoryState> {
  const links = { followLinksOutside: options.followLinksOutside };
  const first = await scan(root, { signal: options.signal, ...links });
  const files = new Map<string, ScannedFile>(first.files);
  const folders = new Set<string>(first.folders ?? []);
  const unreadable = new Map<string, UnreadableEntry>(first.unreadable.map((u) => [u.path, u]));
  /** Links leading out of the game: listed in the report (LINK_OUTSIDE_PROJECT) as long as they are there. */
  const linksOutside = new Map<string, OutsideLink>((first.linksOutside ?? []).map((link) => [link.path, link]));
  let current: Inventory = first;
  /** A new path was added at the end of the map: the next snapshot sorts (an update keeps its place). */
  let unsorted = false;

  const snapshot = (): Inventory => {
    const ordered = unsorted ? [...files.values()].sort((a, b) => compare(a.path, b.path)) : null;
    if (ordered) {
      files.clear();
      for (const file of ordered) files.set(file.path, file);
      unsorted = false;
    }
    return {
      root: first.root,
      files: new Map(files),
      folders: new Set(folders),
      unreadable: [...unreadable.values()].sort((a, b) => compare(a.path, b.path)),
      linksOutside: [...linksOutside.values()].sort((a, b) => compare(a.path, b.path)),
    };
  };

  return {
    snapshot: () => current,
    async apply(changes) {
      let changed = false;
      /** Whether paths came or went (or the unreadable list changed): then no delta is recorded. */
      let structural = false;
      const restated: string[] = [];
      for (const folder of changes.removedFolders) {
        const prefix = `${folder}/`;
        for (const path of [...files.keys()]) if (path.startsWith(prefix)) changed = files.delete(path) || changed;
        for (const path of [...folders]) if (path === folder || path.startsWith(prefix)) changed = folders.delete(path) || changed;
        for (const path of [...unreadable.keys()]) if (path.startsWith(prefix)) changed = unreadable.delete(path) || changed;
        for (const path of [...linksOutside.keys()]) if (path === folder || path.startsWith(prefix)) changed = linksOutside.delete(path) || changed;
        structural = true;
      }
      // A folder that arrives (created, moved or unzipped in) is scanned whole: the watcher may not
      // yet watch it when its first files land, so their own events can't be relied on.
      const added = [...changes.addedFolders].filter((folder) => !isSkippedPath(folder) && !folders.has(folder));
      const outermost = added.filter((folder) => !added.some((other) => folder.startsWith(`${other}/`)));
      for (const folder of outermost) {
        const inside = await scanFolder(first.root, folder, links);
        if (!inside) continue;
        folders.add(folder);
        for (const sub of inside.folders ?? []) folders.add(`${folder}/${sub}`);
        for (const file of inside.files.values()) {
          const path = `${folder}/${file.path}`;
          if (isSkippedPath(path)) continue;
          if (!files.has(path)) unsorted = true;
          files.set(path, { ...file, path });
        }
        for (const entry of inside.unreadable) unreadable.set(`${folder}/${entry.path}`, { ...entry, path: `${folder}/${entry.path}` });
        for (const link of inside.linksOutside ?? []) linksOutside.set(`${folder}/${link.path}`, { ...link, path: `${folder}/${link.path}` });
        changed = true;
        structural = true;
      }
      const paths = [...new Set(changes.files)].filter((path) => !isSkippedPath(path));
      const stats = await Promise.all(paths.map((path) => statFile(first.root, path, links)));
      const outside = await Promise.all(paths.map((path, i) => (stats[i] && !options.followLinksOutside ? null : outsideLink(first.root, path, links))));
      paths.forEach((path, i) => {
        const result = stats[i];
        const before = files.get(path);
        const link = outside[i];
        if (link) {
          linksOutside.set(path, link);
          changed = true;
          structural = true;
        } else if (linksOutside.delete(path)) {
          changed = true;
          structural = true;
        }
        if (!result) {
          changed = files.delete(path) || unreadable.delete(path) || changed;
          structural = true;
        } else if ('message' in result) {
          files.delete(path);
          unreadable.set(path, result);
          changed = true;
          structural = true;
        } else {
          if (unreadable.delete(path)) structural = true;
          if (!before || before.size !== result.size || before.mtimeMs !== result.mtimeMs || before.ino !== result.ino) {
            if (!before) unsorted = true;
            if (before) restated.push(path);
            else structural = true;
            files.set(path, result);
            changed = true;
          }
        }
      });
      if (changed) {
        const previous = current;
        current = snapshot();
        if (!structural) recordDelta(current, { previous, changed: restated });
      }
      return changed;
    },
  };
}

/** The inventory of one folder of the game, or null when it is gone again. */
async function scanFolder(root: string, folder: string, links: Pick<ScanOptions, 'followLinksOutside'>): Promise<Inventory | null> {
  try {
    return await scan(join(root, folder), { ...links, gameRoot: root });
  } catch {
    return null;
  }
}
