/** How the last build ended, and the way to its output. */
import { useT } from '../../i18n/use-t.js';
import { formatBytes } from '../format.js';
import { useBuild } from '../../stores/context.js';

export function BuildSummary() {
  const t = useT();
  const result = useBuild((s) => s.result);
  const error = useBuild((s) => s.error);
  const revealedDir = useBuild((s) => s.revealedDir);
  const reveal = useBuild((s) => s.reveal);

  if (error) {
    return (
      <div className="banner banner--error" role="alert">
        {t('buildFailed', { message: error })}
      </div>
    );
  }
  if (!result) return null;
  const text =
    result.status === 'built'
      ? t('buildBuilt', { dir: result.outDir })
      : result.status === 'built-with-errors'
        ? t('buildBuiltWithErrors', { dir: result.outDir })
        : result.status === 'cancelled'
          ? t('buildCancelled')
          : t('buildFailed', { message: result.message });
  const tone = result.status === 'built' ? 'ok' : result.status === 'cancelled' ? 'info' : result.status === 'built-with-errors' ? 'warning' : 'error';
  const built = result.status === 'built' || result.status === 'built-with-errors';
  return (
    <div className={`banner banner--${tone}`} role="status" aria-label="Build result" data-status={result.status}>
      <span>
        {text}
        {built && result.report && (
          <small className="muted build-totals">
            {t('buildTotals', {
              packages: String(result.report.packages.length),
              bytes: formatBytes(result.report.totalBytes),
              limit: formatBytes(result.report.totalLimitBytes),
              errors: String(result.report.problems.filter((p) => p.severity === 'error').length),
              warnings: String(result.report.problems.filter((p) => p.severity === 'warning').length),
            })}
            {result.report.remote && result.report.remote.files > 0 && (
              <> {t('buildRemoteTotals', { files: String(result.report.remote.files), bytes: formatBytes(result.report.remote.bytes) })}</>
            )}
          </small>
        )}
      </span>
      {built && (
        <button type="button" aria-label="Open output folder" onClick={() => void reveal()}>
          {t('openOutput')}
        </button>
      )}
      {revealedDir && built && <code className="muted">{t('revealed', { dir: revealedDir })}</code>}
    </div>
  );
}
