/** Upload asks for the version and description the platform shows beside the development version. */
import { useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useTools, useUi } from '../../stores/context.js';
import { Dialog } from '../dialog.js';

export function UploadDialog() {
  const t = useT();
  const close = useUi((s) => s.closeDialog);
  const openDialog = useUi((s) => s.openDialog);
  const run = useTools((s) => s.run);
  const [version, setVersion] = useState('1.0.0');
  const [description, setDescription] = useState('');

  const upload = async () => {
    close();
    const result = await run('upload', { version: version.trim(), description: description.trim() });
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
          <button type="button" className="primary" aria-label="Upload now" disabled={!version.trim()} onClick={() => void upload()}>
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
    </Dialog>
  );
}
