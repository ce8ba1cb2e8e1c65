/**
 * The page's side of the view's control channel: a message counts only from the window that framed
 * the page, on a studio origin the server listed, with a known action; anything else is ignored.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { acceptControl, CONTROL } = require('./host-channel.js') as {
  acceptControl(event: unknown, hostOrigins: unknown, parent: unknown): string | null;
  CONTROL: string;
};

const parent = { name: 'studio window' };
const STUDIO = 'http://127.0.0.1:4000';
const message = (over: Record<string, unknown> = {}) => ({ origin: STUDIO, source: parent, data: { type: CONTROL, action: 'pause' }, ...over });

describe('acceptControl', () => {
  it('takes pause, resume and clear-cache from the studio page that framed it', () => {
    for (const action of ['pause', 'resume', 'clear-cache']) {
      expect(acceptControl(message({ data: { type: CONTROL, action } }), [STUDIO], parent)).toBe(action);
    }
  });

  it('ignores other origins, other windows, unknown actions and malformed data', () => {
    expect(acceptControl(message({ origin: 'http://127.0.0.1:4001' }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(message({ origin: 'https://evil.example' }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(message({ origin: 'null' }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(message({ source: { other: true } }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(message({ data: { type: CONTROL, action: 'callStudioApi' } }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(message({ data: { type: 'something-else', action: 'pause' } }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(message({ data: 'pause' }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(message({ data: null }), [STUDIO], parent)).toBeNull();
    expect(acceptControl(null, [STUDIO], parent)).toBeNull();
  });

  it('listens to no one where the server listed no studio origin (headless runs, the Electron view)', () => {
    expect(acceptControl(message(), [], parent)).toBeNull();
    expect(acceptControl(message(), undefined, parent)).toBeNull();
  });
});
