/**
 * "Size budgets": one text field per package, then total, remote and growth. The values are saved
 * as typed ("3.5 MiB"); the engine parses them and refuses a bad unit, naming the field, and the
 * report carries how each budget is judged. An emptied field removes its key.
 */
import { BUDGET_KEYS, type BudgetKey } from '../../../../shared/budgets.js';
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { notSaved } from '../../i18n/i18n.js';
import { useT } from '../../i18n/use-t.js';
import { useProject } from '../../stores/context.js';
import { TextSetting } from './text-setting.js';

type Budgets = Readonly<Record<string, unknown>>;

const KEY_LABELS: Record<BudgetKey, 'budgetTotal' | 'budgetRemote' | 'budgetGrowth'> = { total: 'budgetTotal', remote: 'budgetRemote', growth: 'budgetGrowth' };

/** The budgets with one key set to what was typed, or removed when the field is empty. */
export function withBudget(budgets: Budgets, key: string, text: string): Record<string, unknown> {
  const next: Record<string, unknown> = { ...budgets };
  const value = text.trim();
  if (value === '') delete next[key];
  // Digits alone are a byte count, which the project file writes as a number.
  else next[key] = /^\d+$/.test(value) ? Number(value) : value;
  return next;
}

export function BudgetSettings() {
  const t = useT();
  const saved = useProject((s) => s.project?.projectFile.budgets);
  const pending = useProject((s) => s.pending.budgets);
  const subpackages = useProject((s) => s.project?.effective.subpackages);
  const fieldErrors = useProject((s) => s.fieldErrors);
  // Edits typed in quick succession merge into the patch still waiting for its debounce.
  const current: Budgets = pending ?? saved ?? {};
  const keys: { key: string; label: string }[] = [
    { key: MAIN_PACKAGE, label: t('mainPackage') },
    ...(subpackages ?? []).map((s) => ({ key: s.name, label: s.name })),
    ...BUDGET_KEYS.map((key) => ({ key, label: t(KEY_LABELS[key]) })),
  ];
  // A refusal the engine did not pin to one key shows under the section.
  const sectionError = fieldErrors['budgets'] && !keys.some(({ key }) => fieldErrors[`budgets.${key}`]) ? fieldErrors['budgets'] : undefined;

  return (
    <fieldset className="budgets" aria-label="Size budgets">
      <legend className="budgets-title">{t('budgets')}</legend>
      <p className="hint">{t('budgetsHint')}</p>
      {sectionError && (
        <p className="field-error" role="alert">
          {notSaved(t, sectionError)}
        </p>
      )}
      <div className="settings-grid">
        {keys.map(({ key, label }) => {
          const refused = fieldErrors[`budgets.${key}`];
          const value = saved?.[key];
          return (
            <TextSetting
              key={key}
              id={`setting-budget-${key}`}
              label={label}
              ariaLabel={`Budget ${key}`}
              value={value === undefined ? '' : String(value)}
              toPatch={(text) => ({ budgets: withBudget(current, key, text) })}
              messages={refused ? [{ severity: 'error', text: notSaved(t, refused) }] : []}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
