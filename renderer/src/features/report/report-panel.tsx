/** The right column: the live report exactly as the engine sent it, updated on every change. */
import type { BudgetKind } from '../../../../shared/budgets.js';
import { MAIN_PACKAGE } from '../../../../shared/report.js';
import { findProfile } from '../../../../shared/platforms.js';
import { useT } from '../../i18n/use-t.js';
import { useProject, useTools, useUi } from '../../stores/context.js';
import { formatBytes } from '../format.js';
import { REMOTE_COLOUR, packageColour } from '../package-colors.js';
import { FitCard } from './fit-card.js';
import { PackageBar } from './package-bar.js';
import { ProblemList } from './problem-list.js';
import { TruncatedPath } from './truncated-path.js';

const LARGEST = 8;

export function ReportPanel() {
  const t = useT();
  const report = useProject((s) => s.project?.report ?? null);
  const error = useProject((s) => s.project?.error ?? null);
  const selectPath = useUi((s) => s.selectPath);
  const subpackages = useProject((s) => s.project?.effective.subpackages);
  // After a preview or upload, the tool's own sizes sit beside the estimates.
  const toolReport = useTools((s) => s.result?.report ?? null);

  if (!report) {
    return (
      <section className="panel report-panel" aria-label="Live report">
        <h2 className="panel-title">{t('report')}</h2>
        {error && (
          <div className="problem problem--error" role="alert">
            <strong>{t('projectError')}</strong>
            <p>{error}</p>
          </div>
        )}
      </section>
    );
  }

  // The same order as the tree and the editor, so each package keeps its colour everywhere.
  const names = (subpackages ?? []).map((s) => s.name);
  const largest = [...report.files].sort((a, b) => b.bytes - a.bytes).slice(0, LARGEST);
  const profile = findProfile(report.profile);
  const reported = new Map((toolReport?.sizesAre === 'reported' ? toolReport.packages : report.packages).map((p) => [p.name, p.reportedBytes]));
  const budgetsFor = (kind: BudgetKind, name: string) => (report.budgets ?? []).filter((b) => b.kind === kind && b.name === name);
  const remoteBudgets = budgetsFor('remote', 'remote');
  const sizesAre = report.sizesAre === 'reported' || toolReport?.sizesAre === 'reported' ? 'reported' : 'estimated';
  return (
    <section className="panel report-panel" aria-label="Live report">
      <h2 className="panel-title">
        {t('report')}
        <span className={`tag tag--${sizesAre}`} data-sizes={sizesAre}>
          {sizesAre === 'reported' ? t('reported') : t('estimated')}
        </span>
      </h2>
      {error && <p className="field-error" role="alert">{error}</p>}
      <p className="muted report-profile" data-profile={report.profile}>
        {profile?.label ?? report.profile}
      </p>
      <ul className="package-bars" aria-label="Packages">
        {report.packages.map((p) => (
          <PackageBar
            key={p.name}
            name={p.name}
            label={p.name === MAIN_PACKAGE ? t('mainPackage') : p.name}
            detail={`${p.root ? `${p.root} · ` : ''}${t('files', { n: p.files })}`}
            bytes={p.bytes}
            limitBytes={p.limitBytes}
            colour={packageColour(p.name, names)}
            reportedBytes={reported.get(p.name)}
            budgets={budgetsFor('package', p.name)}
          />
        ))}
        <PackageBar name="total" label={t('total')} bytes={report.totalBytes} limitBytes={report.totalLimitBytes} colour="#4b5563" budgets={budgetsFor('total', 'total')} />
      </ul>

      <FitCard />

      <h3 className="sub-title">{t('remote')}</h3>
      {report.remote && report.remote.files > 0 ? (
        <p className="remote-line" data-remote-bytes={report.remote.bytes}>
          <span className="swatch" style={{ background: REMOTE_COLOUR }} aria-hidden />
          {t('files', { n: report.remote.files })} · {formatBytes(report.remote.bytes)}
          <code className="muted">{report.remote.dir}</code>
          {remoteBudgets.map((b) => (
            <span key={b.name} className={`tag budget--${b.status}`} data-budget="remote" data-status={b.status} title={b.message}>
              {t('budgetOf', { size: formatBytes(b.limitBytes) })}
            </span>
          ))}
        </p>
      ) : (
        <p className="muted">{t('remoteNone')}</p>
      )}

      <h3 className="sub-title">
        {t('problems')} <span className="count">{report.problems.length}</span>
      </h3>
      <ProblemList problems={report.problems} />

      {report.excluded.length > 0 && (
        <>
          <h3 className="sub-title">
            {t('excludedFiles')} <span className="count">{report.excluded.length}</span>
          </h3>
          <ul className="file-list" aria-label="Left out">
            {report.excluded.map((f) => (
              <li key={f.path}>
                <button type="button" className="link" onClick={() => selectPath(f.path)}>
                  {f.path}
                </button>
                <span className={`tag${f.reason === 'not-whitelisted' ? ' tag--bad' : ''}`}>
                  {f.reason === 'not-whitelisted' ? t('reasonNotWhitelisted') : t('reasonExcluded')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 className="sub-title">{t('largestFiles')}</h3>
      <ul className="file-list" aria-label="Largest files">
        {largest.map((f) => (
          <li key={f.path}>
            <span className="swatch" style={{ background: f.remote ? REMOTE_COLOUR : packageColour(f.package, names) }} aria-hidden />
            <button type="button" className="link truncated-path" title={f.path} aria-label={f.path} onClick={() => selectPath(f.path)}>
              <TruncatedPath path={f.path} />
            </button>
            <span className="file-size">{formatBytes(f.bytes)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
