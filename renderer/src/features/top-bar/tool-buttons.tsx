/** Play, Preview and Upload: each hands the fresh build to the platform's developer tool. */
import type { ToolAction } from '../../../../shared/api.js';
import { useT } from '../../i18n/use-t.js';
import { useBuild, useTools, useUi } from '../../stores/context.js';

export function ToolButtons() {
  const t = useT();
  const running = useTools((s) => s.running);
  const run = useTools((s) => s.run);
  const building = useBuild((s) => s.running);
  const openDialog = useUi((s) => s.openDialog);

  const play = async (action: ToolAction) => {
    const result = await run(action);
    // With no tool set, the way out is Preferences: go there at once.
    if (result?.failure === 'no-path') openDialog('preferences');
  };
  const busy = running !== null || building;
  return (
    <div className="tool-buttons" role="group" aria-label="Developer tool">
      <button type="button" aria-label="Play" onClick={() => void play('play')} disabled={busy}>
        ▶ {t('play')}
      </button>
      <button type="button" aria-label="Preview" onClick={() => void play('preview')} disabled={busy}>
        {t('preview')}
      </button>
      <button type="button" aria-label="Upload" onClick={() => openDialog('upload')} disabled={busy}>
        {t('upload')}
      </button>
    </div>
  );
}
