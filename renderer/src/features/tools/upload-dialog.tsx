/**
 * Upload asks for the version and description the platform shows beside the development version,
 * and, for WeChat with an upload key set in Preferences, the CI robot miniprogram-ci uploads as.
 */
import { useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { usePreferences, useProject, useTools, useUi } from '../../stores/context.js';
import { Dialog } from '../dialog.js';

export function UploadDialog() {
  const t = useT();
  const close = useUi((s) => s.closeDialog);
  const openDialog = useUi((s) => s.openDialog);
  const run = useTools((s) => s.run);
  const [version, setVersion] = useState('1.0.0');
  const [description, setDescription] = useState('');
  const [robot, setRobot] = useState('1');
  const platform = useProject((s) => s.project?.effective.platform ?? 'wechat');
  const appid = useProject((s) => s.project?.effective.appid ?? '');
  const headless = usePreferences((s) => Boolean(appid && s.prefs?.uploadKeys[appid]));
  const robotNumber = Number(robot);
  const robotValid = Number.isInteger(robotNumber) && robotNumber >= 1 && robotNumber <= 30;
  const withRobot = headless && platform === 'wechat';

  const upload = async () => {
    close();
    const result = await run('upload', { version: version.trim(), description: description.trim(), ...(withRobot && { robot: robotNumber }) });
    if (result?.failure === 'no-path') openDialog('preferences');
  };
  return (
    <Dialog
      label="Upload"
      title={t('uploadTitle')}
      onClose={close}
      footer={
        <>
          <button type="button" className="ghost" aria-label="Cancel upload" onClick={close}>
            {t('cancel')}
          </button>
          <button type="button" className="primary" aria-label="Upload now" disabled={!version.trim() || (withRobot && !robotValid)} onClick={() => void upload()}>
            {t('upload')}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="upload-version">{t('version')}</label>
        <input id="upload-version" aria-label="Version" value={version} onChange={(e) => setVersion(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="upload-desc">{t('description')}</label>
        <textarea id="upload-desc" aria-label="Description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      {headless && <p className="hint" data-headless="yes">{t('headlessUpload')}</p>}
      {withRobot && (
        <div className="field">
          <label htmlFor="upload-robot">{t('robot')}</label>
          <input id="upload-robot" aria-label="Robot" type="number" min={1} max={30} value={robot} aria-invalid={!robotValid || undefined} onChange={(e) => setRobot(e.target.value)} />
          <p className="hint">{t('robotHint')}</p>
        </div>
      )}
    </Dialog>
  );
}
