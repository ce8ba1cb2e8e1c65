/** Remote URL, its inline errors (refused update or REMOTE_URL_* problems), and "Serve from this computer". */
import { useState } from 'react';
import { notSaved } from '../../i18n/i18n.js';
import { useT } from '../../i18n/use-t.js';
import { useApi, useProject } from '../../stores/context.js';
import { problemsFor } from '../problem-targets.js';
import type { FieldMessage } from './field.js';
import { TextSetting } from './text-setting.js';

export function RemoteUrlSetting() {
  const t = useT();
  const api = useApi();
  const value = useProject((s) => s.project?.effective.remoteUrl ?? '');
  const refused = useProject((s) => s.fieldErrors['remoteUrl']);
  const problems = useProject((s) => s.project?.report?.problems);
  const [serving, setServing] = useState<{ enabled: boolean; url: string | null; error?: string }>({ enabled: false, url: null });

  const messages: FieldMessage[] = [
    ...(refused ? [{ severity: 'error' as const, text: notSaved(t, refused) }] : []),
    ...problemsFor(problems ?? [], 'remoteUrl').map((p) => ({ severity: p.severity, text: p.message })),
  ];

  const toggle = async (enabled: boolean) => {
    // The box follows the click at once; the engine's answer (its URL, or a refusal) follows.
    setServing({ enabled, url: null });
    try {
      setServing(await api.setServeRemote({ enabled }));
    } catch (error) {
      setServing({ enabled: false, url: null, error: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="remote-url">
      <TextSetting
        id="setting-remoteUrl"
        label={t('remoteUrl')}
        ariaLabel="Remote URL"
        value={value}
        placeholder={t('remoteUrlPlaceholder')}
        toPatch={(remoteUrl) => ({ remoteUrl: remoteUrl.trim() })}
        messages={messages}
        readOnly={serving.enabled}
      />
      <label className="check">
        <input type="checkbox" aria-label="Serve from this computer" checked={serving.enabled} onChange={(e) => void toggle(e.target.checked)} />
        {t('serveRemote')}
      </label>
      {serving.enabled && serving.url && <p className="hint">{t('servingAt', { url: serving.url })}</p>}
      {serving.error && <p className="field-error">{serving.error}</p>}
    </div>
  );
}
