/** Device, turn and network (each restarts the run in the engine), restart, pause / resume, close. */
import type { RefObject } from 'react';
import { DEVICES, NETWORK_NAMES, type SimulatorControl } from '../../../../shared/simulator.js';
import { useT } from '../../i18n/use-t.js';
import { useApi, useSimulator } from '../../stores/context.js';
import { sendControl } from './page-channel.js';

export function SimulatorToolbar({ frame }: { readonly frame: RefObject<HTMLIFrameElement | null> }) {
  const t = useT();
  const api = useApi();
  const state = useSimulator((s) => s.state);
  const page = useSimulator((s) => s.page);
  const start = useSimulator((s) => s.start);
  const restart = useSimulator((s) => s.restart);
  const stop = useSimulator((s) => s.stop);
  const busy = !state || state.status === 'building';
  const running = state?.status === 'running';

  const control = (action: SimulatorControl) => {
    if (api.simulatorView) void api.simulatorView.control(action);
    else sendControl(frame.current?.contentWindow, state?.origin ?? null, action);
  };

  return (
    <div className="sim-toolbar" role="toolbar" aria-label="Simulator controls">
      <label className="sim-field">
        <span>{t('simDevice')}</span>
        <select aria-label="Device" value={state?.device.name ?? DEVICES[0]?.name} disabled={busy} onChange={(e) => void start({ device: e.target.value as never })}>
          {DEVICES.map((d) => (
            <option key={d.name} value={d.name}>
              {d.model}
            </option>
          ))}
        </select>
      </label>
      <button type="button" aria-label="Rotate" disabled={busy} onClick={() => void start({ rotated: !(state?.rotated ?? false) })} title={t('simRotate')}>
        ⟳ {state?.screen.orientation === 'landscape' ? t('simLandscape') : t('simPortrait')}
      </button>
      <label className="sim-field">
        <span>{t('simNetwork')}</span>
        <select aria-label="Network" value={state?.network ?? 'wifi'} disabled={busy} onChange={(e) => void start({ network: e.target.value as never })}>
          {NETWORK_NAMES.map((n) => (
            <option key={n} value={n}>
              {t(`simNet_${n}`)}
            </option>
          ))}
        </select>
      </label>
      <span className="sim-toolbar-gap" />
      <button type="button" aria-label="Restart" disabled={busy} onClick={() => void restart()}>
        ↻ {t('simRestart')}
      </button>
      {page?.paused ? (
        <button type="button" aria-label="Resume" disabled={!running} onClick={() => control('resume')}>
          ▶ {t('simResume')}
        </button>
      ) : (
        <button type="button" aria-label="Pause" disabled={!running} onClick={() => control('pause')}>
          ❚❚ {t('simPause')}
        </button>
      )}
      <button type="button" className="ghost" aria-label="Close simulator" onClick={() => void stop()}>
        ✕ {t('simClose')}
      </button>
    </div>
  );
}
