/** A labelled setting with its hint and its inline messages (errors first). */
import type { ReactNode } from 'react';

export interface FieldMessage {
  readonly severity: 'error' | 'warning';
  readonly text: string;
}

interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly messages?: readonly FieldMessage[];
  readonly children: ReactNode;
}

export function Field({ id, label, hint, messages = [], children }: FieldProps) {
  return (
    <div className="field" data-setting={id}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="hint">{hint}</p>}
      {messages.map((m, i) => (
        <p key={i} id={i === 0 ? `${id}-message` : undefined} className={m.severity === 'error' ? 'field-error' : 'field-warning'} role={m.severity === 'error' ? 'alert' : undefined}>
          {m.text}
        </p>
      ))}
    </div>
  );
}
