/** User files the game holds against the quota (the engine's figures), and Clear cache. */
import type { RefObject } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useApi, useSimulator } from '../../stores/context.js';
import { formatBytes } from '../format.js';
import { sendControl } from './page-channel.js';

export function SimulatorStorage({ frame }: { readonly frame: RefObject<HTMLIFrameElement | null> }) {
  const t = useT();
  const api = useApi();
  const storage = useSimulator((s) => s.log?.storage ?? null);
  const state = useSimulator((s) => s.state);
  const applyPage = useSimulator((s) => s.applyPage);
  const running = state?.status === 'running';

  const clear = async () => {
    if (api.simulatorView) {
      const page = await api.simulatorView.control('clear-cache');
      if (page) applyPage(page);
    } else sendControl(frame.current?.contentWindow, state?.origin ?? null, 'clear-cache');
  };

  return (
    <div className="sim-storage" aria-label="Storage">
      <span className="sim-storage-label">{t('simStorage')}</span>
      {storage && storage.usedBytes !== null ? (
        <>
          <meter min={0} max={storage.quotaBytes} value={storage.usedBytes} aria-label="Storage used" />
          <span className="sim-storage-figures" data-used={storage.usedBytes}>
            {t('simStorageOf', { used: formatBytes(storage.usedBytes), quota: formatBytes(storage.quotaBytes) })}
          </span>
        </>
      ) : (
        <span className="muted">{t('simStorageUnknown')}</span>
      )}
      <button type="button" className="small" aria-label="Clear cache" disabled={!running} onClick={() => void clear()}>
        {t('simClearCache')}
      </button>
    </div>
  );
}
