/** A debounced text setting: every keystroke schedules updateProject, blur sends at once. */
import type { ProjectPatch } from '../../stores/project-store.js';
import { useProject } from '../../stores/context.js';
import { Field, type FieldMessage } from './field.js';
import { useDraft } from './use-draft.js';

interface TextSettingProps {
  readonly id: string;
  readonly label: string;
  readonly ariaLabel: string;
  readonly value: string;
  readonly toPatch: (value: string) => ProjectPatch;
  readonly hint?: string;
  readonly placeholder?: string;
  readonly messages?: readonly FieldMessage[];
  readonly multiline?: boolean;
  readonly readOnly?: boolean;
}

export function TextSetting(props: TextSettingProps) {
  const { id, label, ariaLabel, value, toPatch, hint, placeholder, messages = [], multiline, readOnly } = props;
  const schedule = useProject((s) => s.schedule);
  const flush = useProject((s) => s.flush);
  const [draft, setDraft] = useDraft(value);
  const invalid = messages.some((m) => m.severity === 'error');
  const common = {
    id,
    'aria-label': ariaLabel,
    value: draft,
    placeholder,
    readOnly,
    spellCheck: false,
    'aria-invalid': invalid || undefined,
    'aria-describedby': messages.length > 0 ? `${id}-message` : undefined,
    onBlur: () => void flush(),
  };
  return (
    <Field id={id} label={label} hint={hint} messages={messages}>
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(Math.max(draft.split('\n').length, 2), 6)}
          onChange={(e) => {
            setDraft(e.target.value);
            schedule(toPatch(e.target.value));
          }}
        />
      ) : (
        <input
          {...common}
          onChange={(e) => {
            setDraft(e.target.value);
            schedule(toPatch(e.target.value));
          }}
        />
      )}
    </Field>
  );
}

/** Globs are edited one per line; blank lines are dropped. */
export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
