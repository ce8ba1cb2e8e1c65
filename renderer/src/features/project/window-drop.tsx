/**
 * A folder dropped on the window opens as the project. Electron tells us its path; a browser
 * does not, so web mode explains how to open it instead.
 */
import { useEffect } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useApi, usePreferences, useProject, useUi } from '../../stores/context.js';

export function WindowDrop() {
  const t = useT();
  const api = useApi();
  const open = useProject((s) => s.open);
  const reloadPrefs = usePreferences((s) => s.load);
  const setNotice = useUi((s) => s.setNotice);

  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const onOver = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      const path = file ? api.pathForFile(file) : null;
      if (!path) {
        setNotice(t('dropHereWeb'));
        return;
      }
      setNotice(null);
      void open(path).then((ok) => (ok ? reloadPrefs() : undefined));
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [api, open, reloadPrefs, setNotice, t]);
  return null;
}
