/** The button that fixes a tool failure, chosen by its stable failure kind. */
import type { ToolResult } from '../../../../shared/api.js';
import { useT } from '../../i18n/use-t.js';
import { useSimulator, useTools, useUi } from '../../stores/context.js';

export function WayOut({ result }: { readonly result: ToolResult }) {
  const t = useT();
  const openDialog = useUi((s) => s.openDialog);
  const focus = useUi((s) => s.focus);
  const run = useTools((s) => s.run);
  const dismiss = useTools((s) => s.dismiss);
  const startSimulator = useSimulator((s) => s.start);

  switch (result.failure) {
    case 'no-path':
    case 'not-found':
    case 'not-executable':
    case 'key': // the upload key of this AppID is chosen in Preferences (for an IP refusal, the message says where to go)
      // No developer tool here (always so on Linux): Preferences, or, for Play, the studio's own simulator.
      return (
        <>
          <button type="button" aria-label="Open Preferences" onClick={() => openDialog('preferences')}>
            {t('openPreferences')}
          </button>
          {result.action === 'play' && (
            <button
              type="button"
              className="primary"
              aria-label="Run in studio instead"
              onClick={() => {
                dismiss();
                void startSimulator();
              }}
            >
              {t('runInStudio')}
            </button>
          )}
        </>
      );
    case 'no-appid':
      return (
        <button type="button" aria-label="Set the AppID" onClick={() => focus('appid')}>
          {t('setAppid')}
        </button>
      );
    case 'not-logged-in':
      return (
        <button type="button" aria-label="Log in" onClick={() => void run('login')}>
          {t('logIn')}
        </button>
      );
    case 'port-closed':
    case 'timeout':
    case 'exit':
      // Upload needs its dialog again for the version; the others can simply run again.
      return result.action === 'upload' ? (
        <button type="button" aria-label="Try upload again" onClick={() => openDialog('upload')}>
          {t('tryAgain')}
        </button>
      ) : (
        <button type="button" aria-label="Try again" onClick={() => void run(result.action)}>
          {t('tryAgain')}
        </button>
      );
    default:
      return null;
  }
}
