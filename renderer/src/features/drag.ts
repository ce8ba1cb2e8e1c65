/** The drag payload for a project folder moved from the tree into the subpackage editor. */
import type { DragEvent } from 'react';

export const FOLDER_MIME = 'application/x-minigame-studio-folder';

export function startFolderDrag(event: DragEvent, folder: string): void {
  event.dataTransfer.setData(FOLDER_MIME, folder);
  event.dataTransfer.setData('text/plain', folder);
  event.dataTransfer.effectAllowed = 'copy';
}

/** During dragover the data is hidden; only the type list is readable. */
export function isFolderDrag(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes(FOLDER_MIME);
}

export function droppedFolder(event: DragEvent): string | null {
  const folder = event.dataTransfer.getData(FOLDER_MIME);
  return folder || null;
}

/** 'stage1/' → 'stage1'; 'levels/forest/' → 'forest'. */
export function folderName(folder: string): string {
  const parts = folder.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? folder;
}

/** Subpackage roots end in '/' for folders (DESIGN). */
export function asFolderRoot(folder: string): string {
  return folder.endsWith('/') ? folder : `${folder}/`;
}
