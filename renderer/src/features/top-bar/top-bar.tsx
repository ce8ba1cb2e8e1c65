/** The top bar: where the project is, and the actions on it. */
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../stores/context.js';
import { BuildButton } from './build-button.js';
import { ProjectPicker } from './project-picker.js';
import { ToolButtons } from './tool-buttons.js';

export function TopBar() {
  const t = useT();
  const openDialog = useUi((s) => s.openDialog);
  return (
    <header className="top-bar">
      <div className="brand" aria-hidden>
        <span className="brand-mark">◆</span>
        {t('appTitle')}
      </div>
      <ProjectPicker />
      <div className="top-actions">
        <BuildButton />
        <ToolButtons />
        <button type="button" className="ghost" aria-label="History" onClick={() => openDialog('history')}>
          {t('history')}
        </button>
        <button type="button" className="ghost" aria-label="Preferences" onClick={() => openDialog('preferences')}>
          ⚙ {t('preferences')}
        </button>
      </div>
    </header>
  );
}
