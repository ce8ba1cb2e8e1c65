/** Preferences: developer tool paths, what the engine found, the game's upload key and the language. Stored by the engine. */
import { useCallback, useRef } from 'react';
import type { Language } from '../../../../shared/api.js';
import { APPID_PATTERNS } from '../../../../shared/platforms.js';
import { useLanguage, useT } from '../../i18n/use-t.js';
import { usePreferences, useProject, useTools, useUi } from '../../stores/context.js';
import { Dialog } from '../dialog.js';
import { ToolPathField } from './tool-path-field.js';
import { UploadKeyField } from './upload-key-field.js';

type PathKey = 'wechatDevtoolsPath' | 'alipayIdePath';

export function PreferencesDialog() {
  const t = useT();
  const language = useLanguage();
  const prefs = usePreferences((s) => s.prefs);
  const tools = usePreferences((s) => s.tools);
  const error = usePreferences((s) => s.error);
  const setPrefs = usePreferences((s) => s.set);
  const locate = usePreferences((s) => s.locate);
  const close = useUi((s) => s.closeDialog);
  const toolFailure = useTools((s) => s.result?.failure);
  const platform = useProject((s) => s.project?.effective.platform ?? 'wechat');
  const appid = useProject((s) => s.project?.effective.appid ?? '');
  // Typed but not yet blurred: Close saves these too.
  const drafts = useRef<Partial<Record<PathKey, string>>>({});
  const keyDrafts = useRef<Record<string, string>>({});

  const saveKey = useCallback(
    async (id: string, path: string) => {
      delete keyDrafts.current[id];
      await setPrefs({ uploadKeys: { [id]: path } });
    },
    [setPrefs],
  );

  const save = useCallback(
    async (key: PathKey, value: string) => {
      delete drafts.current[key];
      if (await setPrefs({ [key]: value })) await locate();
    },
    [setPrefs, locate],
  );
  const closeAndSave = useCallback(async () => {
    const pending = Object.entries(drafts.current) as [PathKey, string][];
    drafts.current = {};
    for (const [key, value] of pending) if (prefs?.[key] !== value.trim()) await save(key, value.trim());
    const keys = Object.entries(keyDrafts.current);
    keyDrafts.current = {};
    for (const [id, path] of keys) if ((prefs?.uploadKeys[id] ?? '') !== path.trim()) await saveKey(id, path.trim());
    close();
  }, [close, prefs, save, saveKey]);

  return (
    <Dialog
      label="Preferences"
      title={t('prefsTitle')}
      onClose={() => void closeAndSave()}
      footer={
        <button type="button" className="primary" aria-label="Close preferences" onClick={() => void closeAndSave()}>
          {t('close')}
        </button>
      }
    >
      {toolFailure === 'no-path' && (
        <p className="banner banner--warning" role="status">
          {t('noToolPath', { platform: t(`platform_${platform}`) })}
        </p>
      )}
      <ToolPathField
        id="pref-wechat"
        label={t('wechatDevtoolsPath')}
        ariaLabel="WeChat DevTools path"
        value={prefs?.wechatDevtoolsPath ?? ''}
        location={tools.find((l) => l.platform === 'wechat')}
        onDraft={(v) => (drafts.current.wechatDevtoolsPath = v)}
        onSave={(v) => void save('wechatDevtoolsPath', v)}
      />
      <ToolPathField
        id="pref-alipay"
        label={t('alipayIdePath')}
        ariaLabel="Alipay IDE path"
        value={prefs?.alipayIdePath ?? ''}
        location={tools.find((l) => l.platform === 'alipay')}
        onDraft={(v) => (drafts.current.alipayIdePath = v)}
        onSave={(v) => void save('alipayIdePath', v)}
      />
      <UploadKeyField
        platform={platform}
        appid={appid}
        appidValid={APPID_PATTERNS[platform].test(appid)}
        onDraft={(id, path) => (keyDrafts.current[id] = path)}
        onSave={(id, path) => void saveKey(id, path)}
      />
      <div className="field">
        <label htmlFor="pref-language">{t('language')}</label>
        <select id="pref-language" aria-label="Language" value={language} onChange={(e) => void setPrefs({ language: e.target.value as Language })}>
          <option value="zh-CN">{t('langZh')}</option>
          <option value="en">{t('langEn')}</option>
        </select>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </Dialog>
  );
}
