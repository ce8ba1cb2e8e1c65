/**
 * The game's screen. Web mode: an iframe on the simulator's own origin (never the studio's), its
 * URL carrying nothing of the studio (no token), sandboxed to scripts and its own origin (the page
 * fetches its package files from its server), no referrer. It is drawn at the device's CSS size
 * and scaled down to fit; the mouse is the finger (the page turns pointer events into touches).
 * Electron: the same page in a sandboxed view of its own, placed over this box by the shell.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useApi, useSimulator } from '../../stores/context.js';
import { pageStatusFrom } from './page-channel.js';

export function SimulatorScreen({ frame }: { readonly frame: RefObject<HTMLIFrameElement | null> }) {
  const api = useApi();
  const state = useSimulator((s) => s.state);
  const applyPage = useSimulator((s) => s.applyPage);
  const area = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const width = state?.screen.width ?? 375;
  const height = state?.screen.height ?? 667;
  const url = state?.status === 'running' ? state.url : null;
  const origin = state?.origin ?? null;

  useEffect(() => {
    const element = area.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setBox({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // The page's word on itself (paused or not), from that frame on that origin only, for display.
  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      const status = pageStatusFrom(event, origin, frame.current?.contentWindow ?? null);
      if (status) applyPage(status);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [origin, frame, applyPage]);

  const scale = box.width > 0 && box.height > 0 ? Math.min(1, box.width / width, box.height / height) : 1;
  const shown = { width: Math.floor(width * scale), height: Math.floor(height * scale) };

  // Electron: the shell places its sandboxed view over this box (and removes it when it goes).
  const view = api.simulatorView;
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!view || !url || !placeholder.current) return;
    const r = placeholder.current.getBoundingClientRect();
    void view.show({ x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width), height: Math.round(r.height) });
  }, [view, url, shown.width, shown.height, box.width, box.height]);
  useEffect(() => (view ? () => void view.show(null) : undefined), [view]);

  return (
    <div className="sim-screen-area" ref={area}>
      <div className="sim-device" style={{ width: shown.width, height: shown.height }} data-orientation={state?.screen.orientation ?? 'portrait'}>
        {url && !view && (
          <iframe
            key={url}
            ref={frame}
            className="sim-frame"
            title="Simulated game"
            src={url}
            width={width}
            height={height}
            style={{ transform: `scale(${scale})` }}
            sandbox="allow-scripts allow-same-origin"
            referrerPolicy="no-referrer"
            allow=""
          />
        )}
        {url && view && <div ref={placeholder} className="sim-frame-placeholder" aria-label="Simulated game" />}
      </div>
    </div>
  );
}
