/** The History view: the chart of builds, the list to pick two from, and their diff. */
import { useEffect, useMemo } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useHistory, useProject, useUi } from '../../stores/context.js';
import { Dialog } from '../dialog.js';
import { formatBytes } from '../format.js';
import { DiffView } from './diff-view.js';
import { HistoryChart } from './history-chart.js';

export function HistoryDialog() {
  const t = useT();
  const close = useUi((s) => s.closeDialog);
  const history = useHistory((s) => s.history);
  const picked = useHistory((s) => s.picked);
  const diff = useHistory((s) => s.diff);
  const error = useHistory((s) => s.error);
  const load = useHistory((s) => s.load);
  const pick = useHistory((s) => s.pick);
  const compareWithPrevious = useHistory((s) => s.compareWithPrevious);
  const subpackages = useProject((s) => s.project?.effective.subpackages);
  const subpackageNames = useMemo(() => (subpackages ?? []).map((p) => p.name), [subpackages]);
  const labels = useMemo(() => ({ limit: t('historyLimit'), budget: t('historyBudget'), build: (n: number) => t('historyBuild', { n }) }), [t]);

  useEffect(() => {
    void load();
  }, [load]);

  const points = history?.points ?? [];
  const numberOf = (id: string | null): number => points.findIndex((p) => p.id === id) + 1;
  return (
    <Dialog
      label="History"
      title={t('historyTitle', { platform: history?.platform ?? '' })}
      onClose={close}
      footer={
        <>
          <button type="button" className="ghost" disabled={points.length < 2} onClick={() => void compareWithPrevious()}>
            {t('compareWithPrevious')}
          </button>
          <button type="button" className="primary" onClick={close}>
            {t('close')}
          </button>
        </>
      }
    >
      <div className="history-view">
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {history?.skipped.map((warning) => (
          <p key={warning} className="muted">
            {warning}
          </p>
        ))}
        {points.length === 0 ? (
          <p className="muted">{t('historyEmpty')}</p>
        ) : (
          <>
            <HistoryChart points={points} subpackageNames={subpackageNames} labels={labels} onPick={(id) => void pick(id)} />
            <p className="muted">{t('historyHint')}</p>
            <ol className="history-builds" aria-label="Builds">
              {points.map((point, i) => (
                <li key={point.id} data-build={point.id}>
                  <button type="button" className={picked.includes(point.id) ? 'small primary' : 'small ghost'} aria-pressed={picked.includes(point.id)} onClick={() => void pick(point.id)}>
                    {picked.includes(point.id) ? t('historyPicked') : t('historyPick')}
                  </button>{' '}
                  {t('historyBuild', { n: i + 1 })} · {new Date(point.time).toLocaleString()} · {formatBytes(point.totalBytes)}
                  {point.commit ? ` · ${point.branch ?? ''} ${point.commit.slice(0, 7)}` : ''}
                </li>
              ))}
            </ol>
          </>
        )}
        {diff && <DiffView diff={diff} numberOf={numberOf} />}
      </div>
    </Dialog>
  );
}
