/** Build, and while it runs: a progress bar with files and bytes, and Cancel. */
import { useT } from '../../i18n/use-t.js';
import { useBuild } from '../../stores/context.js';
import { formatBytes } from '../format.js';

export function BuildButton() {
  const t = useT();
  const running = useBuild((s) => s.running);
  const progress = useBuild((s) => s.progress);
  const cancelling = useBuild((s) => s.cancelling);
  const start = useBuild((s) => s.start);
  const cancel = useBuild((s) => s.cancel);

  if (!running) {
    return (
      <button type="button" className="primary" aria-label="Build" onClick={() => void start()}>
        {t('build')}
      </button>
    );
  }
  const total = progress?.totalBytes ?? 0;
  const value = total > 0 ? Math.min(progress!.bytes / total, 1) : undefined;
  return (
    <div className="build-running">
      <div className="build-running-text">
        <span>{t('building')}</span>
        {progress && (
          <span className="muted">
            {t('buildProgress', {
              files: progress.files,
              totalFiles: progress.totalFiles,
              bytes: formatBytes(progress.bytes),
              totalBytes: formatBytes(progress.totalBytes),
            })}
          </span>
        )}
        <progress aria-label="Build progress" max={1} value={value} />
      </div>
      <button type="button" aria-label="Cancel build" onClick={() => void cancel()} disabled={cancelling}>
        {t('cancel')}
      </button>
    </div>
  );
}
