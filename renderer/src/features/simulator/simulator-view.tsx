/**
 * The simulator view beside Play: the game running on the simulator's own origin, the toolbar
 * (device, turn, network, restart, pause), and the engine's record of the run: console, files and
 * network, cold-start timeline, storage. Every figure here is the engine's.
 */
import { useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useSimulator } from '../../stores/context.js';
import { SimulatorConsole } from './simulator-console.js';
import { SimulatorFiles } from './simulator-files.js';
import { SimulatorScreen } from './simulator-screen.js';
import { SimulatorStatus } from './simulator-status.js';
import { SimulatorStorage } from './simulator-storage.js';
import { SimulatorTimeline } from './simulator-timeline.js';
import { SimulatorToolbar } from './simulator-toolbar.js';

type Tab = 'console' | 'files' | 'timeline';
const TABS: readonly { readonly id: Tab; readonly label: 'simConsole' | 'simFiles' | 'simTimeline' }[] = [
  { id: 'console', label: 'simConsole' },
  { id: 'files', label: 'simFiles' },
  { id: 'timeline', label: 'simTimeline' },
];

export function SimulatorView() {
  const t = useT();
  const frame = useRef<HTMLIFrameElement>(null);
  const [tab, setTab] = useState<Tab>('console');
  const errors = useSimulator((s) => s.log?.errors.length ?? 0);
  const missing = useSimulator((s) => s.log?.missing.length ?? 0);

  return (
    <section className="simulator" aria-label="Simulator">
      <SimulatorToolbar frame={frame} />
      <SimulatorStatus />
      <div className="sim-body">
        <SimulatorScreen frame={frame} />
        <div className="sim-side">
          <SimulatorStorage frame={frame} />
          <div className="sim-tabs" role="tablist" aria-label="Simulator record">
            {TABS.map(({ id, label }) => (
              <button key={id} type="button" role="tab" id={`sim-tab-${id}`} aria-selected={tab === id} aria-controls={`sim-panel-${id}`} className={tab === id ? 'sim-tab sim-tab--on' : 'sim-tab'} onClick={() => setTab(id)}>
                {t(label)}
                {id === 'console' && errors > 0 && <span className="sim-badge sim-badge--error">{errors}</span>}
                {id === 'files' && missing > 0 && <span className="sim-badge sim-badge--error">{missing}</span>}
              </button>
            ))}
          </div>
          <div className="sim-panel" role="tabpanel" id={`sim-panel-${tab}`} aria-labelledby={`sim-tab-${tab}`}>
            {tab === 'console' && <SimulatorConsole />}
            {tab === 'files' && <SimulatorFiles />}
            {tab === 'timeline' && <SimulatorTimeline />}
          </div>
        </div>
      </div>
    </section>
  );
}
