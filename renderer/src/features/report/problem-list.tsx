/** Problems, each linking to its file in the tree or to its setting in the Build panel. */
import type { Problem } from '../../../../shared/problems.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../stores/context.js';
import type { MessageKey } from '../../i18n/en.js';
import { linkFor, type SettingKey } from '../problem-targets.js';

/** The Build panel label a problem link names. */
const SETTING_LABELS: Readonly<Record<SettingKey, MessageKey>> = {
  remoteUrl: 'remoteUrl',
  subpackages: 'subpackages',
  openDataContext: 'openDataContext',
  outDir: 'outDir',
  appid: 'appid',
  exclude: 'exclude',
  keepInPackage: 'keepInPackage',
  profile: 'profile',
};

export function ProblemList({ problems }: { readonly problems: readonly Problem[] }) {
  const t = useT();
  const selectPath = useUi((s) => s.selectPath);
  const focus = useUi((s) => s.focus);
  if (problems.length === 0) return <p className="ok-note">✓ {t('noProblems')}</p>;
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="problem-list" aria-label="Problems">
      {sorted.map((p, i) => {
        const setting = linkFor(p);
        return (
          <li key={i} className={`problem problem--${p.severity}`} data-code={p.code}>
            <span className="problem-icon" aria-hidden>
              !
            </span>
            <div>
              <p className="problem-message">{p.message}</p>
              <p className="problem-meta">
                <code>{p.code}</code>
                {p.path && (
                  <button type="button" className="link" onClick={() => selectPath(p.path)}>
                    {p.path}
                  </button>
                )}
                {setting && (
                  <button type="button" className="link" title={p.field} onClick={() => focus(setting)}>
                    → {t(SETTING_LABELS[setting])}
                  </button>
                )}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
