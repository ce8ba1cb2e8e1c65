/**
 * Fit the package: the engine's plans when a package or the total is over, or close to, its
 * limit or budget. Each plan shows its actions and a preview of the bars it gives (the engine's
 * sizes and statuses); Apply writes it into minigame-studio.json, Undo puts the file back.
 */
import type { FitPlan, FitSizes } from '../../../../shared/fit.js';
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { useT } from '../../i18n/use-t.js';
import { useFit } from '../../stores/context.js';
import { formatBytes } from '../format.js';

export function FitCard() {
  const t = useT();
  const fit = useFit((s) => s.fit);
  const busy = useFit((s) => s.busy);
  const error = useFit((s) => s.error);
  const undo = useFit((s) => s.undo);
  if (!fit || (!fit.answer.pressed && !fit.applied)) return null;
  const { answer, applied } = fit;
  return (
    <section className="fit-card" aria-label="Fit the package">
      <h3 className="sub-title">{t('fitTitle')}</h3>
      {answer.summary.map((line) => (
        <p key={line} className="fit-summary">
          {line}
        </p>
      ))}
      <p className="hint">{t('fitIntro')}</p>
      {applied && (
        <div className="fit-applied" role="status">
          <strong>{t('fitApplied', { id: String(applied.id), title: applied.title })}</strong>
          <ul>
            {applied.changes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
            {applied.codeChanges.map((c) => (
              <li key={c}>
                {t('fitCode')}: {c}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void undo()} disabled={busy}>
            {t('fitUndo')}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {answer.pressed && answer.plans.length === 0 && <p className="muted">{t('fitNoPlans')}</p>}
      <ol className="fit-plans">
        {answer.plans.map((plan) => (
          <PlanItem key={`${plan.id}-${plan.title}`} plan={plan} />
        ))}
      </ol>
      {answer.left && (
        <p className="fit-left" data-fit-left>
          <strong>{t('fitNothingFits')}:</strong> {answer.left}
        </p>
      )}
    </section>
  );
}

function PlanItem({ plan }: { readonly plan: FitPlan }) {
  const t = useT();
  const busy = useFit((s) => s.busy);
  const url = useFit((s) => s.remoteUrls[plan.id] ?? '');
  const setUrl = useFit((s) => s.setRemoteUrl);
  const apply = useFit((s) => s.apply);
  const needsUrl = plan.needsInput.some((n) => n.field === 'remoteUrl');
  const uncertain = plan.actions.some((a) => a.uncertain.length > 0);
  const safety = plan.safe ? t('fitSafe') : uncertain ? t('fitUncertain') : plan.safety === 'probable' ? t('fitProbable') : t('fitCodeChange');
  return (
    <li className="fit-plan" data-plan={plan.id} data-fits={plan.fits} aria-label={`Plan ${plan.id}`}>
      <div className="fit-plan-head">
        <span className="fit-plan-title">{plan.title}</span>
        <span className={`tag${plan.safe ? '' : ' tag--warn'}`}>{safety}</span>
        <span className={`tag ${plan.fits ? 'tag--ok' : 'tag--bad'}`}>{plan.fits ? t('fitFits') : t('fitNoFit')}</span>
      </div>
      <ul className="fit-actions">
        {plan.actions.map((action) => (
          <li key={action.title}>
            {action.title}
            {action.examples.length > 0 && <span className="muted"> — {action.examples.slice(0, 3).map((e) => `${e.path} (${formatBytes(e.bytes)})`).join(', ')}</span>}
            {action.codeChange && (
              <p className="hint">
                {t('fitCode')}: {action.codeChange}
              </p>
            )}
            {[...action.uncertain, ...action.limits].map((line) => (
              <p key={line} className="hint">
                {line}
              </p>
            ))}
          </li>
        ))}
      </ul>
      {plan.newErrors.map((e) => (
        <p key={e} className="field-error">
          {t('fitNewErrors')}: {e}
        </p>
      ))}
      <Preview sizes={plan.result} />
      {needsUrl && (
        <label className="field fit-url">
          <span>{t('fitRemoteUrl')}</span>
          <input type="url" value={url} placeholder={plan.needsInput[0]?.placeholder} onChange={(e) => setUrl(plan.id, e.target.value)} aria-label={`Remote URL for plan ${plan.id}`} />
          <span className="hint">{plan.needsInput[0]?.message}</span>
        </label>
      )}
      <button type="button" className="primary" disabled={busy || (needsUrl && url.trim() === '')} onClick={() => void apply(plan)}>
        {t('fitApply')}
      </button>
    </li>
  );
}

/** The bars the plan gives, as the engine computed and judged them. */
function Preview({ sizes }: { readonly sizes: FitSizes }) {
  const t = useT();
  const rows = [
    ...sizes.packages.map((p) => ({ key: p.name, label: p.name === MAIN_PACKAGE ? t('mainPackage') : p.name, bytes: p.bytes, ceiling: ceiling(p.limitBytes, p.budgetBytes), status: p.status })),
    { key: 'total', label: t('total'), bytes: sizes.total.bytes, ceiling: ceiling(sizes.total.limitBytes, sizes.total.budgetBytes), status: sizes.total.status },
  ];
  return (
    <div className="fit-preview" aria-label={t('fitAfter')}>
      <span className="muted">{t('fitAfter')}</span>
      {rows.map((row) => (
        <div key={row.key} className={`fit-bar fit-bar--${row.status}`} data-package={row.key} data-status={row.status}>
          <span className="fit-bar-label">{row.label}</span>
          <span className="bar">
            {row.ceiling !== null && <span className="bar-fill" style={{ width: `${Math.min((row.bytes / row.ceiling) * 100, 100).toFixed(1)}%` }} />}
          </span>
          <span className="package-size">
            {formatBytes(row.bytes)}
            {row.ceiling !== null ? ` / ${formatBytes(row.ceiling)}` : ''}
          </span>
        </div>
      ))}
    </div>
  );
}

function ceiling(limit: number | null, budget: number | null): number | null {
  if (limit === null) return budget;
  return budget === null ? limit : Math.min(limit, budget);
}
