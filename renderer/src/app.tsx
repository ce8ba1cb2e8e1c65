/** The window: top bar; project tree | build panel + subpackages + log | live report. */
import { useEffect } from 'react';
import { BuildPanel } from './features/build-panel/build-panel.js';
import { BuildSummary } from './features/build/build-summary.js';
import { HistoryDialog } from './features/history/history-dialog.js';
import { PreferencesDialog } from './features/preferences/preferences-dialog.js';
import { WindowDrop } from './features/project/window-drop.js';
import { ReportPanel } from './features/report/report-panel.js';
import { SubpackageEditor } from './features/subpackages/subpackage-editor.js';
import { LogPanel } from './features/tools/log-panel.js';
import { ToolResultView } from './features/tools/tool-result.js';
import { UploadDialog } from './features/tools/upload-dialog.js';
import { TopBar } from './features/top-bar/top-bar.js';
import { ProjectTree } from './features/tree/project-tree.js';
import { SimulatorView } from './features/simulator/simulator-view.js';
import { ImagePreviewDialog } from './features/tree/image-preview-dialog.js';
import { useLanguage, useT } from './i18n/use-t.js';
import { useProject, useSimulator, useUi } from './stores/context.js';

export function App({ connection }: { readonly connection: 'connecting' | 'open' | 'closed' }) {
  const t = useT();
  const language = useLanguage();
  const status = useProject((s) => s.status);
  const hasProject = useProject((s) => s.project !== null);
  const openError = useProject((s) => s.openError);
  const dialog = useUi((s) => s.dialog);
  const notice = useUi((s) => s.notice);
  const setNotice = useUi((s) => s.setNotice);
  const simulating = useSimulator((s) => s.open);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
  }, [language, t]);

  return (
    <div className="app">
      <WindowDrop />
      <TopBar />
      {connection === 'closed' && <div className="banner banner--error strip" role="alert">{t('engineOffline')}</div>}
      {notice && (
        <div className="banner banner--info strip" role="status">
          <span>{notice}</span>
          <button type="button" className="ghost small" aria-label="Dismiss" onClick={() => setNotice(null)}>
            ✕
          </button>
        </div>
      )}
      {!hasProject ? (
        <main className="loading">{status === 'error' ? <p className="field-error">{openError}</p> : <p className="muted">{t('loading')}</p>}</main>
      ) : (
        <main className={simulating ? 'columns columns--simulating' : 'columns'}>
          <aside className="column column--left">
            <ProjectTree />
          </aside>
          {simulating && (
            <div className="column column--simulator">
              <ToolResultView />
              <SimulatorView />
            </div>
          )}
          <div className="column column--centre" hidden={simulating}>
            <BuildSummary />
            <ToolResultView />
            <BuildPanel />
            <SubpackageEditor />
            <LogPanel />
          </div>
          <aside className="column column--right" hidden={simulating}>
            <ReportPanel />
          </aside>
        </main>
      )}
      {dialog === 'preferences' && <PreferencesDialog />}
      {dialog === 'upload' && <UploadDialog />}
      {dialog === 'history' && <HistoryDialog />}
      <ImagePreviewDialog />
    </div>
  );
}
