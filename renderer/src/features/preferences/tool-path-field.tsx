/** A developer tool's path: typed, pasted or (in Electron) chosen; saved on blur. */
import type { ToolLocation } from '../../../../shared/api.js';
import { useT } from '../../i18n/use-t.js';
import { useApi } from '../../stores/context.js';
import { useDraft } from '../build-panel/use-draft.js';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly ariaLabel: string;
  readonly value: string;
  readonly location: ToolLocation | undefined;
  readonly onSave: (path: string) => void;
  readonly onDraft: (path: string) => void;
}

export function ToolPathField({ id, label, ariaLabel, value, location, onSave, onDraft }: Props) {
  const t = useT();
  const api = useApi();
  const [draft, setDraft] = useDraft(value);
  const choose = async () => {
    const picked = await api.choosePath?.('file');
    if (picked) {
      setDraft(picked);
      onSave(picked);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input
          id={id}
          aria-label={ariaLabel}
          value={draft}
          spellCheck={false}
          onChange={(e) => {
            setDraft(e.target.value);
            onDraft(e.target.value);
          }}
          onBlur={() => draft !== value && onSave(draft.trim())}
        />
        {api.choosePath && (
          <button type="button" aria-label={`Choose ${ariaLabel}`} onClick={() => void choose()}>
            {t('choose')}
          </button>
        )}
      </div>
      <p className="hint">{t('toolPathHint')}</p>
      {location && (
        <p className={location.cli ? 'found' : 'field-warning'} data-found={location.cli ? 'yes' : 'no'}>
          {location.cli ? `${t('found')}: ${location.cli}${location.source ? ` (${location.source})` : ''}` : `${t('notFound')}: ${location.message}`}
        </p>
      )}
    </div>
  );
}
