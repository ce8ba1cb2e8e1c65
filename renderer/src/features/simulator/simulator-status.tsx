/** One line on the session: building, refused (with the engine's reason), or the run and its first frame. */
import { useT } from '../../i18n/use-t.js';
import { useSimulator } from '../../stores/context.js';

export function SimulatorStatus() {
  const t = useT();
  const state = useSimulator((s) => s.state);
  const error = useSimulator((s) => s.error);
  const firstFrameMs = useSimulator((s) => s.log?.firstFrameMs ?? null);

  if (error) return <p className="banner banner--error sim-status" role="alert">{error}</p>;
  if (!state || state.status === 'stopped') return <p className="banner banner--info sim-status" role="status">{t('simStarting')}</p>;
  if (state.status === 'building') return <p className="banner banner--info sim-status" role="status" aria-label="Simulator status" data-status="building">{t('simBuilding')}</p>;
  if (state.status === 'failed') {
    return (
      <p className="banner banner--error sim-status" role="alert" aria-label="Simulator status" data-status="failed">
        {state.message}
      </p>
    );
  }
  const parts = [t('simRun', { run: state.run })];
  if (state.buildMs !== null) parts.push(t('simBuiltIn', { ms: state.buildMs }));
  parts.push(firstFrameMs === null ? t('simNoFrameYet') : t('simFirstFrame', { ms: firstFrameMs }));
  return (
    <p className="sim-status muted" role="status" aria-label="Simulator status" data-status="running" data-run={state.run} data-first-frame={firstFrameMs === null ? '' : 'yes'}>
      {parts.join(' · ')}
    </p>
  );
}
