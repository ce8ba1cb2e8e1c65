/** A select and a checkbox that show the choice at once and send it to the engine. */
import type { ReactNode } from 'react';
import { useDraft } from './use-draft.js';

interface SelectProps {
  readonly id?: string;
  readonly ariaLabel: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly children: ReactNode;
}

export function Select({ id, ariaLabel, value, onChange, children }: SelectProps) {
  const [draft, setDraft] = useDraft(value);
  return (
    <select
      id={id}
      aria-label={ariaLabel}
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(e.target.value);
      }}
    >
      {children}
    </select>
  );
}

interface CheckboxProps {
  readonly ariaLabel: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
}

export function Checkbox({ ariaLabel, checked, onChange }: CheckboxProps) {
  const [draft, setDraft] = useDraft(checked);
  return (
    <input
      type="checkbox"
      aria-label={ariaLabel}
      checked={draft}
      onChange={(e) => {
        setDraft(e.target.checked);
        onChange(e.target.checked);
      }}
    />
  );
}
