/** One folder (draggable, collapsible) or file of the project tree. */
import { useEffect, useState } from 'react';
import type { TreeFile } from '../../../../shared/api.js';
import { useT } from '../../i18n/use-t.js';
import { usePreview, useUi } from '../../stores/context.js';
import { startFolderDrag } from '../drag.js';
import { formatBytes } from '../format.js';
import { EXCLUDED_COLOUR, NOT_WHITELISTED_COLOUR, REMOTE_COLOUR, packageColour } from '../package-colors.js';
import type { TreeNode } from './tree-model.js';

function fileColour(file: TreeFile, subpackages: readonly string[]): string {
  if (file.status === 'excluded') return EXCLUDED_COLOUR;
  if (file.status === 'not-whitelisted') return NOT_WHITELISTED_COLOUR;
  if (file.status === 'remote') return REMOTE_COLOUR;
  return packageColour(file.package, subpackages);
}

interface RowProps {
  readonly node: TreeNode;
  readonly depth: number;
  readonly subpackages: readonly string[];
}

export function TreeRow({ node, depth, subpackages }: RowProps) {
  const t = useT();
  const selected = useUi((s) => s.selectedPath);
  const openPreview = usePreview((s) => s.open);
  const [open, setOpen] = useState(depth < 1);
  const folderPath = node.kind === 'folder' ? node.path : null;

  // A problem link to a file inside a closed folder opens the folders above it.
  useEffect(() => {
    if (folderPath && selected?.startsWith(folderPath)) setOpen(true);
  }, [folderPath, selected]);
  const indent = { paddingLeft: `${0.75 + depth * 1}rem` };

  if (node.kind === 'file') {
    const { file } = node;
    const marked = file.status === 'excluded' || file.status === 'not-whitelisted';
    const title =
      file.status === 'excluded' ? t('legendExcluded') : file.status === 'not-whitelisted' ? t('legendNotWhitelisted') : undefined;
    return (
      <li
        className={`tree-file${marked ? ' tree-file--out' : ''}${selected === file.path ? ' is-selected' : ''}`}
        style={indent}
        data-path={file.path}
        data-status={file.status}
        title={title}
      >
        <span className="swatch" style={{ background: fileColour(file, subpackages) }} aria-hidden />
        <span className="tree-name">{node.name}</span>
        {file.status === 'not-whitelisted' && <span className="tag tag--bad">{t('treeNotWhitelisted')}</span>}
        {file.status === 'excluded' && <span className="tag">{t('reasonExcluded')}</span>}
        {file.status === 'remote' && <span className="tag tag--remote">{t('legendRemote')}</span>}
        {file.optimized && (
          <span className="tag tag--saved" data-testid="tree-saving" title={t('treeSavedTitle', { before: formatBytes(file.bytes), after: formatBytes(file.optimized.bytes) })}>
            {t('treeSaved', { size: formatBytes(file.optimized.savedBytes) })}
          </span>
        )}
        {file.image && (
          <button type="button" className="tree-preview" aria-label={t('previewOf', { path: file.path })} title={t('previewOf', { path: file.path })} onClick={() => void openPreview(file.path)}>
            ⇆
          </button>
        )}
        <span className="tree-size">{formatBytes(file.bytes)}</span>
      </li>
    );
  }

  const colour = node.package ? packageColour(node.package, subpackages) : 'transparent';
  return (
    <li className="tree-folder-item">
      <div
        className="tree-folder"
        style={indent}
        draggable
        onDragStart={(e) => startFolderDrag(e, node.path)}
        data-folder={node.path}
        aria-label={`Folder ${node.path}`}
      >
        <button type="button" className="tree-toggle" onClick={() => setOpen(!open)} aria-label={`${open ? 'Collapse' : 'Expand'} ${node.path}`}>
          {open ? '▾' : '▸'}
        </button>
        <span className="swatch swatch--folder" style={{ borderColor: colour }} aria-hidden />
        <span className="tree-name">{node.name}/</span>
        <span className="tree-size">{formatBytes(node.bytes)}</span>
      </div>
      {open && (
        <ul>
          {node.children.map((child) => (
            <TreeRow key={child.path} node={child} depth={depth + 1} subpackages={subpackages} />
          ))}
        </ul>
      )}
    </li>
  );
}
