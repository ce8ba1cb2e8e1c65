/**
 * Play, Preview and Upload: each hands the fresh build to the platform's developer tool. Run in
 * studio, beside Play, runs the build in the studio's own simulator view instead.
 */
import type { ToolAction } from '../../../../shared/api.js';
import { useT } from '../../i18n/use-t.js';
import { useBuild, useSimulator, useTools, useUi } from '../../stores/context.js';

export function ToolButtons() {
  const t = useT();
  const running = useTools((s) => s.running);
  const run = useTools((s) => s.run);
  const building = useBuild((s) => s.running);
  const openDialog = useUi((s) => s.openDialog);
  const startSimulator = useSimulator((s) => s.start);
  const simulatorBusy = useSimulator((s) => s.state?.status === 'building');

  // With no tool set or found, the result offers both ways out: Preferences and Run in studio.
  const play = async (action: ToolAction) => void (await run(action));
  const busy = running !== null || building;
  return (
    <div className="tool-buttons" role="group" aria-label="Developer tool">
      <button type="button" aria-label="Play" onClick={() => void play('play')} disabled={busy}>
        ▶ {t('play')}
      </button>
      <button type="button" aria-label="Run in studio" onClick={() => void startSimulator()} disabled={building || simulatorBusy}>
        {t('runInStudio')}
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
