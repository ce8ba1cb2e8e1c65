/** The outcome of Play / Preview / Upload: the QR to scan, or the failure and its way out. */
import { useT } from '../../i18n/use-t.js';
import { useProject, useTools } from '../../stores/context.js';
import { WayOut } from './way-out.js';

export function ToolResultView() {
  const t = useT();
  const result = useTools((s) => s.result);
  const error = useTools((s) => s.error);
  const running = useTools((s) => s.running);
  const cancel = useTools((s) => s.cancel);
  const platform = useProject((s) => s.project?.effective.platform ?? 'wechat');
  const liveQr = useTools((s) => s.liveQr);
  const dismiss = useTools((s) => s.dismiss);
  const showLog = (
    <button type="button" className="ghost small" aria-label="Show log" onClick={() => document.getElementById('tool-log')?.scrollIntoView({ behavior: 'smooth' })}>
      {t('showLog')}
    </button>
  );

  if (running) {
    return (
      <div className="banner banner--info tool-result" role="status">
        <span>{t('toolRunning', { action: t(running === 'login' ? 'play' : running) })}</span>
        {showLog}
        <button type="button" className="ghost" aria-label="Stop tool" onClick={() => void cancel()}>
          {t('toolCancel')}
        </button>
        {liveQr && (
          <figure className="qr">
            <img src={liveQr.dataUrl} alt="Login QR code" width={160} height={160} />
            <figcaption>{t('loginQr')}</figcaption>
          </figure>
        )}
      </div>
    );
  }
  if (error) {
    return (
      <div className="banner banner--error" role="alert">
        <span>{error}</span>
        <button type="button" className="ghost small" aria-label="Dismiss tool message" onClick={dismiss}>
          ✕
        </button>
      </div>
    );
  }
  if (!result) return null;

  const noPath = result.failure === 'no-path';
  return (
    <div className={`tool-result banner banner--${result.ok ? 'ok' : 'error'}`} role="status" aria-label="Tool result" data-failure={result.failure ?? ''}>
      <div className="tool-result-text">
        <p>{noPath ? t('noToolPath', { platform: t(`platform_${platform}`) }) : result.message}</p>
        {noPath && result.message && <p className="muted">{result.message}</p>}
        {result.action === 'play' && (result.failure === 'no-path' || result.failure === 'not-found' || result.failure === 'not-executable') && <p className="muted">{t('noToolRunInStudio')}</p>}
        <div className="button-row">
          <WayOut result={result} />
          {showLog}
        </div>
        {!result.ok && result.lastLines.length > 0 && <pre className="last-lines">{result.lastLines.join('\n')}</pre>}
      </div>
      {result.qrDataUrl && (
        <figure className="qr">
          <img src={result.qrDataUrl} alt="Preview QR code" width={160} height={160} />
          <figcaption>{result.action === 'login' ? t('loginQr') : t('qrTitle')}</figcaption>
        </figure>
      )}
      <button type="button" className="ghost small" aria-label="Dismiss tool result" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}
