/** One line of the bench's table: a figure of issue 7 against its target, measured in the same run. */
export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly target: string;
  readonly measured: string;
  readonly ratio: string;
  /** null: reported for information, no target. */
  readonly pass: boolean | null;
  readonly raw: Readonly<Record<string, number>>;
}

export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 1 : 0)} ms` : 'n/a');
