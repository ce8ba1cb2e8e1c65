/**
 * The cold start as the session log holds it, entry by entry in time order. Each kind is drawn the
 * same way (a kind the view does not know shows under its own name), so new kinds need no change here.
 */
import type { MessageKey } from '../../i18n/en.js';
import { en } from '../../i18n/en.js';
import { useT } from '../../i18n/use-t.js';
import { useSimulator } from '../../stores/context.js';

export function SimulatorTimeline() {
  const t = useT();
  const timeline = useSimulator((s) => s.log?.timeline ?? []);
  if (timeline.length === 0) return <p className="muted">{t('simTimelineEmpty')}</p>;
  const entries = [...timeline].sort((a, b) => a.at - b.at);
  const end = Math.max(1, ...entries.map((e) => e.at));
  const label = (kind: string): string => {
    const key = `simKind_${kind}`;
    return key in en ? t(key as MessageKey) : kind;
  };
  return (
    <ol className="sim-timeline" aria-label="Cold-start timeline">
      {entries.map((entry, i) => (
        <li key={i} className="sim-timeline-entry" data-kind={entry.kind}>
          <span className="sim-timeline-at">{entry.at} ms</span>
          <span className="sim-timeline-kind">{label(entry.kind)}</span>
          <span className="sim-timeline-track" aria-hidden>
            <span className="sim-timeline-mark" style={{ left: `${(entry.at / end) * 100}%` }} />
          </span>
          <span className="sim-timeline-detail">{entry.detail}</span>
        </li>
      ))}
    </ol>
  );
}
