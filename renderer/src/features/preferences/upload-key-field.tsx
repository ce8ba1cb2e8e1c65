/**
 * The upload key of the open game's AppID (only its path is stored, by the engine, per AppID), and
 * the keys saved for other games, each removable. Whether the file is usable is checked by the
 * engine when Preview or Upload uses it.
 */
import type { Platform } from '../../../../shared/platforms.js';
import { useT } from '../../i18n/use-t.js';
import { useApi, usePreferences } from '../../stores/context.js';
import { useDraft } from '../build-panel/use-draft.js';

interface Props {
  readonly platform: Platform;
  readonly appid: string;
  /** Whether the AppID is one the engine accepts (the sample's placeholder and a half-typed one are not). */
  readonly appidValid: boolean;
  readonly onSave: (appid: string, path: string) => void;
  readonly onDraft: (appid: string, path: string) => void;
}

export function UploadKeyField({ platform, appid, appidValid, onSave, onDraft }: Props) {
  const t = useT();
  const api = useApi();
  const keys = usePreferences((s) => s.prefs?.uploadKeys ?? {});
  const value = appidValid ? (keys[appid] ?? '') : '';
  const [draft, setDraft] = useDraft(value);
  const others = Object.entries(keys).filter(([id]) => id !== appid);

  const choose = async () => {
    const picked = await api.choosePath?.('file');
    if (picked) {
      setDraft(picked);
      onSave(appid, picked);
    }
  };

  return (
    <div className="field" data-upload-key={appidValid ? appid : ''}>
      {appidValid ? (
        <>
          <label htmlFor="pref-upload-key">{t('uploadKey', { appid })}</label>
          <div className="input-row">
            <input
              id="pref-upload-key"
              aria-label="Upload key path"
              value={draft}
              spellCheck={false}
              placeholder={platform === 'wechat' ? `private.${appid}.key` : 'identity-key.json'}
              onChange={(e) => {
                setDraft(e.target.value);
                onDraft(appid, e.target.value);
              }}
              onBlur={() => draft.trim() !== value && onSave(appid, draft.trim())}
            />
            {api.choosePath && (
              <button type="button" aria-label="Choose Upload key path" onClick={() => void choose()}>
                {t('choose')}
              </button>
            )}
          </div>
          <p className="hint">{t(platform === 'wechat' ? 'uploadKeyHint_wechat' : 'uploadKeyHint_alipay', { appid })}</p>
        </>
      ) : (
        <p className="hint">{t('uploadKeyNoAppid')}</p>
      )}
      {others.length > 0 && (
        <>
          <p className="hint">{t('otherUploadKeys')}</p>
          <ul className="upload-keys" aria-label="Upload keys of other games">
            {others.map(([id, path]) => (
              <li key={id}>
                <code>{id}</code> <span className="muted">{path}</span>{' '}
                <button type="button" className="ghost small" aria-label={`Remove upload key of ${id}`} onClick={() => onSave(id, '')}>
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
