/** The Electron simulator view's rules, in plain Node (no Electron binary here). */
import { describe, expect, it } from 'vitest';
import { CONTROL_SCRIPTS, parseViewRequest, simulatorViewPreferences, SIMULATOR_PARTITION } from './simulator-view-guard.js';
import { APP_ORIGIN } from './security.js';

const PAGE = `${APP_ORIGIN}/index.html`;

describe('simulatorViewPreferences', () => {
  it('is as locked down as the main window, with no preload and a session of its own kept in memory', () => {
    const prefs = simulatorViewPreferences();
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, webviewTag: false });
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs.partition).toBe(SIMULATOR_PARTITION);
    expect(prefs.partition.startsWith('persist:')).toBe(false);
  });
});

describe('parseViewRequest', () => {
  it('takes bounds and the listed controls from our own page', () => {
    expect(parseViewRequest(PAGE, undefined, 'show', { x: 10, y: 20, width: 375, height: 667 })).toEqual({ kind: 'show', bounds: { x: 10, y: 20, width: 375, height: 667 } });
    expect(parseViewRequest(PAGE, undefined, 'show', null)).toEqual({ kind: 'show', bounds: null });
    for (const action of ['pause', 'resume', 'clear-cache']) expect(parseViewRequest(PAGE, undefined, 'control', action)).toEqual({ kind: 'control', action });
  });

  it('refuses other senders (the simulator page itself included), other kinds, bad bounds and unknown controls', () => {
    for (const sender of [null, undefined, 'http://127.0.0.1:43210/?run=1', 'https://evil.example/']) {
      expect(parseViewRequest(sender, undefined, 'control', 'pause'), String(sender)).toBeNull();
    }
    expect(parseViewRequest(PAGE, undefined, 'load', 'http://evil.example/')).toBeNull();
    expect(parseViewRequest(PAGE, undefined, 'control', 'window.close()')).toBeNull();
    for (const bounds of [{ x: -1, y: 0, width: 1, height: 1 }, { x: 0, y: 0, width: 0, height: 1 }, { x: 0.5, y: 0, width: 1, height: 1 }, { x: 0, y: 0, width: 1e9, height: 1 }, { x: '0', y: 0, width: 1, height: 1 }, 'all']) {
      expect(parseViewRequest(PAGE, undefined, 'show', bounds), JSON.stringify(bounds)).toBeNull();
    }
  });
});

describe('CONTROL_SCRIPTS', () => {
  it('only call the page’s own simulator controls', () => {
    for (const script of Object.values(CONTROL_SCRIPTS)) expect(script).toMatch(/^\(\(\) => \{ const s = window\.__simulator; s\.(pause|resume|clearCache)\(\);/);
  });
});
