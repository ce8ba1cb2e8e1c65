/**
 * A control's local value: typing or clicking never waits for the engine, and the control follows
 * the engine's value whenever that value changes (a refusal leaves the draft for the user to fix;
 * another window, a platform switch or a reload replace it).
 */
import { useEffect, useState } from 'react';

export function useDraft<T extends string | boolean>(value: T): [T, (next: T) => void] {
  const [draft, setDraft] = useState<T>(value);
  useEffect(() => setDraft(value), [value]);
  return [draft, setDraft];
}
