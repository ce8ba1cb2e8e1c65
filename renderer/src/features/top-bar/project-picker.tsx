/** The project path field with recent projects, Open, and (in Electron) a folder picker. */
import { useEffect, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useApi, usePreferences, useProject } from '../../stores/context.js';

const NO_RECENT: readonly string[] = [];

export function ProjectPicker() {
  const t = useT();
  const api = useApi();
  const dir = useProject((s) => s.project?.dir ?? '');
  const isSample = useProject((s) => s.project?.isSample ?? false);
  const open = useProject((s) => s.open);
  const openError = useProject((s) => s.openError);
  const recent = usePreferences((s) => s.prefs?.recentProjects) ?? NO_RECENT;
  const reloadPrefs = usePreferences((s) => s.load);
  const [draft, setDraft] = useState(dir);

  // The engine may open another project (a drop, the sample on start): show where we are.
  useEffect(() => setDraft(dir), [dir]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await open(draft)) void reloadPrefs();
  };

  const choose = async () => {
    const picked = await api.choosePath?.('folder');
    if (picked && (await open(picked))) void reloadPrefs();
  };

  return (
    <form className="project-picker" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="project-path">
        {t('projectPath')}
      </label>
      <input
        id="project-path"
        aria-label="Project folder"
        list="recent-projects"
        value={draft}
        placeholder={t('projectPathPlaceholder')}
        onChange={(e) => setDraft(e.target.value)}
        spellCheck={false}
        aria-invalid={openError ? true : undefined}
        aria-describedby={openError ? 'project-open-error' : undefined}
      />
      <datalist id="recent-projects">
        {recent.map((path) => (
          <option key={path} value={path} />
        ))}
      </datalist>
      {isSample && <span className="tag tag--sample">{t('sample')}</span>}
      {api.choosePath && (
        <button type="button" onClick={choose} aria-label="Choose project folder">
          {t('choose')}
        </button>
      )}
      <button type="submit" aria-label="Open project">
        {t('open')}
      </button>
      {openError && (
        <p id="project-open-error" className="field-error popover-error" role="alert">
          {openError}
        </p>
      )}
    </form>
  );
}
