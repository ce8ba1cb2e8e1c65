/**
 * Every file the game read or downloaded and where it came from (package, subpackage, cache,
 * remote); a 404, and any file the build left out, highlighted with the engine's reason.
 */
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
          {log.requests.map((r) => (
            <tr key={`${r.source}\0${r.path}\0${r.status}`} className={r.status === 200 ? '' : r.status === 404 ? 'sim-request--missing' : 'sim-request--refused'} data-path={r.path} data-status={r.status}>
              <td>
                <code>{r.path}</code>
                {(r.missing ?? r.note) && <div className="sim-reason">{r.missing ?? r.note}</div>}
              </td>
              <td>{t(`simSource_${r.source}`)}</td>
              <td>{r.status === 0 ? '—' : r.status}</td>
              <td>{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
