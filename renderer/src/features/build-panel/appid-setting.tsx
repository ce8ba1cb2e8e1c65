/** The AppID of the chosen platform; each platform keeps its own (wechat.appid / alipay.appid). */
import { APPID_HINTS, APPID_PATTERNS, type Platform } from '../../../../shared/platforms.js';
import { notSaved } from '../../i18n/i18n.js';
import { useT } from '../../i18n/use-t.js';
import { useProject } from '../../stores/context.js';
import { problemsFor } from '../problem-targets.js';
import type { FieldMessage } from './field.js';
import { TextSetting } from './text-setting.js';
import { useDraft } from './use-draft.js';

export function AppIdSetting({ platform }: { readonly platform: Platform }) {
  const t = useT();
  const value = useProject((s) => s.project?.effective.appid ?? '');
  const section = useProject((s) => s.project?.projectFile[platform]);
  const refused = useProject((s) => s.fieldErrors[platform]);
  const problems = useProject((s) => s.project?.report?.problems);
  // Mirrors the text field's draft so the format check follows typing.
  const [draft, setDraft] = useDraft(value);

  const messages: FieldMessage[] = [];
  if (refused) messages.push({ severity: 'error', text: notSaved(t, refused) });
  if (!refused && draft && !APPID_PATTERNS[platform].test(draft)) {
    messages.push({ severity: 'warning', text: t('appidInvalid', { platform: t(`platform_${platform}`), hint: APPID_HINTS[platform] }) });
  }
  messages.push(...problemsFor(problems ?? [], 'appid').map((p) => ({ severity: p.severity, text: p.message })));

  return (
    <TextSetting
      key={platform}
      id="setting-appid"
      label={t('appid')}
      ariaLabel="AppID"
      value={value}
      placeholder={platform === 'wechat' ? 'wx0123456789abcdef' : '2021000000000000'}
      toPatch={(appid) => {
        setDraft(appid);
        return { [platform]: { ...section, appid: appid.trim() } };
      }}
      messages={messages}
    />
  );
}
