/** Sizes and paths as people read them in the terminal. */
import { isAbsolute, relative } from 'node:path';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

export function percent(bytes: number, limit: number): string {
  return `${Math.round((bytes / limit) * 100)} %`;
}

/** A path relative to the current folder when it lies inside it, else absolute. */
export function shortPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

export function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length);
}
