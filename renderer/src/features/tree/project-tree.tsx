/** The left column: the game's files with sizes, coloured by the package each one goes to. */
import { useEffect, useMemo } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useProject, useUi } from '../../stores/context.js';
import { EXCLUDED_COLOUR, MAIN_COLOUR, NOT_WHITELISTED_COLOUR, REMOTE_COLOUR, packageColour } from '../package-colors.js';
import { buildTree } from './tree-model.js';
import { TreeRow } from './tree-row.js';

export function ProjectTree() {
  const t = useT();
  const tree = useProject((s) => s.project?.tree);
  const subpackages = useProject((s) => s.project?.effective.subpackages);
  const selected = useUi((s) => s.selectedPath);
  const root = useMemo(() => buildTree(tree ?? []), [tree]);
  const names = useMemo(() => (subpackages ?? []).map((s) => s.name), [subpackages]);

  // A problem link selects a file: bring it into view.
  useEffect(() => {
    if (!selected) return;
    document.querySelector(`[data-path="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'center' });
  }, [selected]);

  return (
    <section className="panel tree-panel" aria-label="Project files">
      <h2 className="panel-title">{t('treeTitle')}</h2>
      <ul className="legend" aria-label="Legend">
        <li><span className="swatch" style={{ background: MAIN_COLOUR }} />{t('legendMain')}</li>
        {names.map((name) => (
          <li key={name}><span className="swatch" style={{ background: packageColour(name, names) }} />{name}</li>
        ))}
        <li><span className="swatch" style={{ background: REMOTE_COLOUR }} />{t('legendRemote')}</li>
        <li><span className="swatch" style={{ background: EXCLUDED_COLOUR }} />{t('legendExcluded')}</li>
        <li><span className="swatch" style={{ background: NOT_WHITELISTED_COLOUR }} />{t('legendNotWhitelisted')}</li>
      </ul>
      <p className="hint">{t('dragHint')}</p>
      {root.children.length === 0 ? (
        <p className="empty">{t('treeEmpty')}</p>
      ) : (
        <ul className="tree" aria-label="Project tree">
          {root.children.map((node) => (
            <TreeRow key={node.path} node={node} depth={0} subpackages={names} />
          ))}
        </ul>
      )}
    </section>
  );
}
