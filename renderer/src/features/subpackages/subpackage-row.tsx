/** One subpackage: its colour, name (renamable), root, independent flag, Remove, and its messages. */
import type { Problem } from '../../../../shared/problems.js';
import { useT } from '../../i18n/use-t.js';
import { Checkbox } from '../build-panel/controls.js';
import { useDraft } from '../build-panel/use-draft.js';

interface Props {
  readonly name: string;
  readonly root: string;
  readonly independent: boolean;
  readonly colour: string;
  readonly problems: readonly Problem[];
  readonly onRename: (name: string) => void;
  readonly onIndependent: (independent: boolean) => void;
  readonly onRemove: () => void;
}

export function SubpackageRow({ name, root, independent, colour, problems, onRename, onIndependent, onRemove }: Props) {
  const t = useT();
  const [draft, setDraft] = useDraft(name);
  const commit = () => {
    const next = draft.trim();
    if (next && next !== name) onRename(next);
    else setDraft(name);
  };
  return (
    <li className="subpackage" data-subpackage={name} aria-label={`Subpackage ${name}`}>
      <span className="swatch swatch--lg" style={{ background: colour }} aria-hidden />
      <div className="subpackage-main">
        <div className="subpackage-fields">
          <input
            aria-label={`Subpackage name ${name}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
            spellCheck={false}
          />
          <code className="subpackage-root" title={t('subpackageRoot')}>
            {root}
          </code>
          <label className="check">
            <Checkbox ariaLabel={`Independent ${name}`} checked={independent} onChange={onIndependent} />
            {t('independent')}
          </label>
          <button type="button" className="ghost danger" aria-label={`Remove subpackage ${name}`} onClick={onRemove}>
            {t('remove')}
          </button>
        </div>
        {problems.map((p, i) => (
          <p key={i} className={p.severity === 'error' ? 'field-error' : 'field-warning'} data-code={p.code}>
            {p.message}
          </p>
        ))}
      </div>
    </li>
  );
}
