/**
 * The Electron simulator view without Electron in it, so each rule is tested in plain Node: the
 * view's webPreferences (sandboxed, context-isolated, no preload, no Node, a session partition of
 * its own that is kept in memory), the check of the renderer's requests (only our own page, only
 * bounds and the listed controls), and the fixed scripts a control runs in the page.
 */
import { SIMULATOR_CONTROLS, type SimulatorControl, type ViewBounds } from '../shared/simulator.js';
import { isTrustedSenderUrl } from './security.js';

/** In memory (no "persist:" prefix): nothing the game stores outlives the app, and it shares nothing with the studio's session. */
export const SIMULATOR_PARTITION = 'minigame-simulator';

export function simulatorViewPreferences() {
  return {
    partition: SIMULATOR_PARTITION,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

export type ViewRequest = { readonly kind: 'show'; readonly bounds: ViewBounds | null } | { readonly kind: 'control'; readonly action: SimulatorControl };

const MAX_EDGE = 16_384;
const edge = (value: unknown, min: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_EDGE;

/** The request, or null when the sender is not our page or the payload is anything but bounds / a listed control. */
export function parseViewRequest(senderUrl: string | null | undefined, devServerOrigin: string | undefined, kind: unknown, payload: unknown): ViewRequest | null {
  if (!isTrustedSenderUrl(senderUrl, devServerOrigin)) return null;
  if (kind === 'show') {
    if (payload === null) return { kind, bounds: null };
    if (typeof payload !== 'object') return null;
    const { x, y, width, height } = payload as Record<string, unknown>;
    if (!edge(x, 0) || !edge(y, 0) || !edge(width, 1) || !edge(height, 1)) return null;
    return { kind, bounds: { x, y, width, height } };
  }
  if (kind === 'control' && (SIMULATOR_CONTROLS as readonly unknown[]).includes(payload)) return { kind, action: payload as SimulatorControl };
  return null;
}

/** What a control runs in the simulator page: fixed text, never built from the renderer's data. */
export const CONTROL_SCRIPTS: Readonly<Record<SimulatorControl, string>> = {
  pause: '(() => { const s = window.__simulator; s.pause(); return { paused: true, drawn: s.status().drawn }; })()',
  resume: '(() => { const s = window.__simulator; s.resume(); return { paused: false, drawn: s.status().drawn }; })()',
  'clear-cache': '(() => { const s = window.__simulator; s.clearCache(); return { paused: s.paused(), drawn: s.status().drawn }; })()',
};
