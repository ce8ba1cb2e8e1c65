/** The developer tool's output, streamed line by line from 'tool:log'. */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useTools } from '../../stores/context.js';

export function LogPanel() {
  const t = useT();
  const lines = useTools((s) => s.lines);
  const clear = useTools((s) => s.clearLog);
  const box = useRef<HTMLDivElement>(null);

  // Follow the newest line inside the log only; the page itself must not jump.
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);

  return (
    <section className="panel log-panel" aria-label="Tool log" id="tool-log">
      <h2 className="panel-title">
        {t('log')}
        {lines.length > 0 && (
          <button type="button" className="ghost small" aria-label="Clear log" onClick={clear}>
            {t('clearLog')}
          </button>
        )}
      </h2>
      <div className="log" role="log" aria-label="Log output" ref={box}>
        {lines.length === 0 ? (
          <p className="muted">{t('logEmpty')}</p>
        ) : (
          lines.map((l, i) => (
            <div key={i} className={`log-line log-line--${l.stream}`}>
              {l.line}
            </div>
          ))
        )}
      </div>
    </section>
  );
}
