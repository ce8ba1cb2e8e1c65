/** A target for folders dragged from the project tree (HTML5 drag and drop). */
import { useState, type ReactNode } from 'react';
import { droppedFolder, isFolderDrag } from '../drag.js';

interface Props {
  readonly label: string;
  readonly onFolder: (folder: string) => void;
  readonly children: ReactNode;
  readonly className?: string;
}

export function DropZone({ label, onFolder, children, className = '' }: Props) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={`drop-zone ${className}${over ? ' is-over' : ''}`}
      aria-label={label}
      role="region"
      onDragEnter={(e) => {
        if (!isFolderDrag(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!isFolderDrag(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const folder = droppedFolder(e);
        if (!folder) return;
        // Handled here: the window-level drop (open a project) must not see it.
        e.preventDefault();
        e.stopPropagation();
        onFolder(folder);
      }}
    >
      {children}
    </div>
  );
}
