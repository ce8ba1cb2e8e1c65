/**
 * Every file the game read or downloaded and where it came from (package, subpackage, cache,
 * remote); a 404, and any file the build left out, highlighted with the engine's reason.
 */
import type { SimulatorRequest } from '../../../../shared/simulator.js';
import { useT } from '../../i18n/use-t.js';
import { useSimulator } from '../../stores/context.js';

export function SimulatorFiles() {
  const t = useT();
  const log = useSimulator((s) => s.log);
  if (!log || log.requests.length === 0) return <p className="muted">{t('simFilesEmpty')}</p>;
  return (
    <div className="sim-files">
      {log.missing.length > 0 && (
        <div className="banner banner--error sim-missing" role="alert" aria-label="Left out of the build">
          <strong>{t('simMissingTitle')}</strong>
          <ul>
            {log.missing.map((m) => (
              <li key={m.path}>{m.reason}</li>
            ))}
          </ul>
        </div>
      )}
      <table className="sim-requests" aria-label="File and network log">
        <thead>
          <tr>
            <th>{t('simColPath')}</th>
            <th>{t('simColSource')}</th>
            <th>{t('simColStatus')}</th>
            <th>{t('simColCount')}</th>
          </tr>
        </thead>
        <tbody>
          {log.requests.map((r) => {
            const kind = rowClass(r);
            const reason = r.missing ?? r.note ?? (kind === 'sim-request--absent' ? t('simAbsentInStorage') : undefined);
            return (
              <tr key={`${r.source}\0${r.path}\0${r.status}`} className={kind} data-path={r.path} data-status={r.status}>
                <td>
                  <code>{r.path}</code>
                  {reason && <div className="sim-reason">{reason}</div>}
                </td>
                <td>{t(`simSource_${r.source}`)}</td>
                <td>{r.status === 0 ? '—' : r.status}</td>
                <td>{r.count}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Red only for what the engine says the build lacks (`missing`); a 404 it gives no reason for is a
 * read of the game's own storage before anything was saved there (a first run), which is normal.
 */
function rowClass(r: SimulatorRequest): string {
  if (r.status === 200) return '';
  if (r.missing) return 'sim-request--missing';
  return r.status === 404 ? 'sim-request--absent' : 'sim-request--refused';
}
