/**
 * A package's size against its limit: warning from 95 %, error over 100 % (shared NEAR_LIMIT_RATIO).
 * Budgets the engine judged for it are drawn as markers on the bar, at their bytes on the bar's scale.
 */
import type { BudgetResult } from '../../../../shared/budgets.js';
import { NEAR_LIMIT_RATIO } from '../../../../shared/platforms.js';
import { useT } from '../../i18n/use-t.js';
import { formatBytes } from '../format.js';

interface Props {
  readonly label: string;
  readonly name: string;
  readonly bytes: number;
  readonly limitBytes: number | null;
  readonly colour: string;
  readonly detail?: string;
  readonly reportedBytes?: number;
  /** The report's budgets for this bar (already judged by the engine: status and message come from it). */
  readonly budgets?: readonly BudgetResult[];
}

export function levelOf(bytes: number, limit: number | null): 'ok' | 'warning' | 'error' {
  if (limit === null || limit <= 0) return 'ok';
  if (bytes > limit) return 'error';
  return bytes >= limit * NEAR_LIMIT_RATIO ? 'warning' : 'ok';
}

export function PackageBar({ label, name, bytes, limitBytes, colour, detail, reportedBytes, budgets = [] }: Props) {
  const t = useT();
  const level = levelOf(bytes, limitBytes);
  const share = limitBytes ? Math.min(bytes / limitBytes, 1) : null;
  return (
    <li title={limitBytes === null ? t('noLimit') : undefined} className={`package-bar level-${level}`} data-package={name} data-level={level} aria-label={`Package ${name}: ${level}`}>
      <div className="package-bar-head">
        <span className="swatch" style={{ background: colour }} aria-hidden />
        <span className="package-name">{label}</span>
        {detail && <span className="muted">{detail}</span>}
        <span className="package-size">
          {formatBytes(bytes)}
          {limitBytes !== null ? ` / ${formatBytes(limitBytes)}` : ` · ${t('noLimitShort')}`}
        </span>
      </div>
      {share !== null && (
        <div className="bar" role="meter" aria-label={`${label} size`} aria-valuemin={0} aria-valuemax={limitBytes!} aria-valuenow={bytes}>
          <div className="bar-fill" style={{ width: `${(share * 100).toFixed(1)}%`, background: level === 'ok' ? colour : undefined }} />
          {budgets.map((b) => (
            <BudgetMarker key={`${b.kind}-${b.name}`} budget={b} scaleBytes={limitBytes!} />
          ))}
        </div>
      )}
      {share === null &&
        budgets.map((b) => (
          <p key={`${b.kind}-${b.name}`} className={`hint budget-line budget--${b.status}`} data-budget={b.name} data-status={b.status}>
            {t('budgetOf', { size: formatBytes(b.limitBytes) })}
          </p>
        ))}
      {reportedBytes !== undefined && <p className="hint">{t('toolReported', { size: formatBytes(reportedBytes) })}</p>}
    </li>
  );
}

/** A tick at the budget's bytes on the bar (a budget above the limit sits at the bar's end). */
function BudgetMarker({ budget, scaleBytes }: { readonly budget: BudgetResult; readonly scaleBytes: number }) {
  const t = useT();
  const label = t('budgetOf', { size: formatBytes(budget.limitBytes) });
  const at = Math.min(budget.limitBytes / scaleBytes, 1) * 100;
  return (
    <span
      className={`budget-marker budget--${budget.status}`}
      style={{ left: `${at.toFixed(1)}%` }}
      role="img"
      title={budget.message ? `${label}: ${budget.message}` : label}
      aria-label={label}
      data-budget={budget.name}
      data-status={budget.status}
    />
  );
}
