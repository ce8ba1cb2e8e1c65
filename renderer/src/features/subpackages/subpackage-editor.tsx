/**
 * Subpackages are made by dropping folders from the tree; each edit sends the whole list, since
 * the project file stores it as one array.
 */
import type { SubpackageEntry } from '../../../../shared/project-file.js';
import { notSaved } from '../../i18n/i18n.js';
import { useT } from '../../i18n/use-t.js';
import { useProject } from '../../stores/context.js';
import { Select } from '../build-panel/controls.js';
import { asFolderRoot, folderName } from '../drag.js';
import { packageColour } from '../package-colors.js';
import { problemsFor, subpackageIndexFor } from '../problem-targets.js';
import { DropZone } from './drop-zone.js';
import { SubpackageRow } from './subpackage-row.js';

/** A name not yet taken: 'stage1', then 'stage1-2', … */
export function uniqueName(wanted: string, taken: readonly string[]): string {
  if (!taken.includes(wanted)) return wanted;
  let n = 2;
  while (taken.includes(`${wanted}-${n}`)) n += 1;
  return `${wanted}-${n}`;
}

export function SubpackageEditor() {
  const t = useT();
  const project = useProject((s) => s.project);
  const update = useProject((s) => s.update);
  const refused = useProject((s) => s.fieldErrors['subpackages'] ?? s.fieldErrors['openDataContext']);
  if (!project) return null;

  const list: SubpackageEntry[] = project.effective.subpackages.map((s) => ({ ...s }));
  const names = list.map((s) => s.name);
  const problems = project.report?.problems ?? [];
  const save = (subpackages: SubpackageEntry[]) => void update({ subpackages });
  const rowProblems = (index: number) => problems.filter((p) => subpackageIndexFor(p, list) === index);
  const general = problemsFor(problems, 'subpackages').filter((p) => subpackageIndexFor(p, list) === null);
  const odc = project.effective.openDataContext ?? '';

  const add = (folder: string) => {
    const root = asFolderRoot(folder);
    if (list.some((s) => s.root === root)) return;
    save([...list, { name: uniqueName(folderName(root), names), root }]);
  };

  return (
    <section className="panel subpackage-editor" aria-label="Subpackage editor" data-setting="setting-subpackages">
      <h2 className="panel-title">{t('subpackages')}</h2>
      <DropZone label="Subpackage drop zone" onFolder={add}>
        {list.length === 0 ? (
          <p className="empty">{t('noSubpackages')}</p>
        ) : (
          <ul className="subpackage-list">
            {list.map((s, i) => (
              <SubpackageRow
                key={s.root}
                name={s.name}
                root={s.root}
                independent={s.independent === true}
                colour={packageColour(s.name, names)}
                problems={rowProblems(i)}
                onRename={(name) => save(list.map((x, j) => (j === i ? { ...x, name } : x)))}
                onIndependent={(independent) => save(list.map((x, j) => (j === i ? { ...x, independent } : x)))}
                onRemove={() => save(list.filter((_, j) => j !== i))}
              />
            ))}
          </ul>
        )}
        <p className="drop-hint">⤓ {t('subpackagesDrop')}</p>
      </DropZone>
      {general.map((p, i) => (
        <p key={i} className={p.severity === 'error' ? 'field-error' : 'field-warning'} data-code={p.code}>
          {p.message}
        </p>
      ))}
      {refused && <p className="field-error" role="alert">{notSaved(t, refused)}</p>}

      <h3 className="sub-title">{t('openDataContext')}</h3>
      <DropZone label="Open data context drop zone" onFolder={(folder) => void update({ openDataContext: asFolderRoot(folder) })} className="drop-zone--slim">
        <div className="odc-row" data-setting="setting-openDataContext">
          <Select ariaLabel="Open data context" value={odc} onChange={(openDataContext) => void update({ openDataContext })}>
            <option value="">{t('openDataContextNone')}</option>
            {[...new Set([...(odc ? [odc] : []), ...project.folders.map(asFolderRoot)])].map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </Select>
          <span className="hint">{t('openDataContextDrop')}</span>
        </div>
        {problemsFor(problems, 'openDataContext').map((p, i) => (
          <p key={i} className={p.severity === 'error' ? 'field-error' : 'field-warning'} data-code={p.code}>
            {p.message}
          </p>
        ))}
      </DropZone>
    </section>
  );
}
