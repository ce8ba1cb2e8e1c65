/** The game's console and its uncaught errors, each line and error with the package file:line it came from. */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useSimulator } from '../../stores/context.js';

export function SimulatorConsole() {
  const t = useT();
  const log = useSimulator((s) => s.log);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [log?.console.length]);

  if (!log || (log.console.length === 0 && log.errors.length === 0 && log.unsupported.length === 0)) return <p className="muted">{t('simConsoleEmpty')}</p>;
  return (
    <div className="sim-console" ref={box} role="log" aria-label="Game console">
      {log.errors.map((error, i) => (
        <details key={`e${i}`} className="sim-line sim-line--error">
          <summary>
            {error.message}
            {error.where && <code className="sim-where">{t('simErrorAt', { where: error.where })}</code>}
          </summary>
          <pre>{error.stack}</pre>
        </details>
      ))}
      {log.unsupported.length > 0 && <p className="sim-line sim-line--warn">{t('simUnsupported', { apis: log.unsupported.join(', ') })}</p>}
      {log.console.map((line, i) => (
        <p key={i} className={`sim-line sim-line--${line.level}`} data-level={line.level}>
          <span className="sim-level">{line.level}</span>
          <span>{line.text}</span>
          {line.where && <code className="sim-where">{line.where}</code>}
        </p>
      ))}
    </div>
  );
}
