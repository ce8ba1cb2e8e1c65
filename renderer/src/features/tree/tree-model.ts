/** Turns the engine's flat file list into folders, with each folder's total bytes. */
import type { TreeFile } from '../../../../shared/api.js';

export interface FolderNode {
  readonly kind: 'folder';
  /** 'stage1/' (with the trailing slash, as subpackage roots are written); '' for the root. */
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
  /** The package every file below belongs to, or null when they are mixed. */
  readonly package: string | null;
  readonly children: readonly TreeNode[];
}

export interface FileNode {
  readonly kind: 'file';
  readonly path: string;
  readonly name: string;
  readonly file: TreeFile;
}

export type TreeNode = FolderNode | FileNode;

interface MutableFolder {
  path: string;
  name: string;
  folders: Map<string, MutableFolder>;
  files: FileNode[];
}

/** chunk-2 before chunk-10, as a file manager sorts. */
const byName = (a: string, b: string): number => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });

function freeze(folder: MutableFolder): FolderNode {
  const folders = [...folder.folders.values()].sort((a, b) => byName(a.name, b.name)).map(freeze);
  const files = [...folder.files].sort((a, b) => byName(a.name, b.name));
  const packages = new Set<string | null>([...folders.map((f) => f.package), ...files.map((f) => f.file.package)]);
  return {
    kind: 'folder',
    path: folder.path,
    name: folder.name,
    bytes: folders.reduce((n, f) => n + f.bytes, 0) + files.reduce((n, f) => n + f.file.bytes, 0),
    package: packages.size === 1 ? [...packages][0]! : null,
    children: [...folders, ...files],
  };
}

export function buildTree(files: readonly TreeFile[]): FolderNode {
  const root: MutableFolder = { path: '', name: '', folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split('/');
    const name = parts.pop()!;
    let folder = root;
    for (const part of parts) {
      let next = folder.folders.get(part);
      if (!next) {
        next = { path: `${folder.path}${part}/`, name: part, folders: new Map(), files: [] };
        folder.folders.set(part, next);
      }
      folder = next;
    }
    folder.files.push({ kind: 'file', path: file.path, name, file });
  }
  return freeze(root);
}
