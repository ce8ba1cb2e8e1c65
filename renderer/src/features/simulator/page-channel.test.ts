/** The studio's side of the simulator view's channel: only the simulator frame's own messages count. */
import { describe, expect, it } from 'vitest';
import { CONTROL_MESSAGE, PAGE_MESSAGE } from '../../../../shared/simulator.js';
import { pageStatusFrom, sendControl } from './page-channel.js';

const SIM = 'http://127.0.0.1:43210';
const frame = { name: 'simulator frame' };
const status = { type: PAGE_MESSAGE, paused: true, drawn: true };

describe('pageStatusFrom', () => {
  it('takes the status from the simulator frame on its origin', () => {
    expect(pageStatusFrom({ origin: SIM, source: frame, data: status }, SIM, frame)).toEqual({ paused: true, drawn: true });
  });

  it('ignores the studio’s own origin, other frames, other origins and other shapes', () => {
    expect(pageStatusFrom({ origin: 'http://127.0.0.1:4000', source: frame, data: status }, SIM, frame)).toBeNull();
    expect(pageStatusFrom({ origin: 'http://127.0.0.1:43211', source: frame, data: status }, SIM, frame)).toBeNull();
    expect(pageStatusFrom({ origin: 'null', source: frame, data: status }, SIM, frame)).toBeNull();
    expect(pageStatusFrom({ origin: SIM, source: { other: true }, data: status }, SIM, frame)).toBeNull();
    expect(pageStatusFrom({ origin: SIM, source: frame, data: status }, SIM, null)).toBeNull();
    expect(pageStatusFrom({ origin: SIM, source: frame, data: status }, null, frame)).toBeNull();
    expect(pageStatusFrom({ origin: SIM, source: frame, data: { ...status, type: 'studio:call', method: 'openProject' } }, SIM, frame)).toBeNull();
    expect(pageStatusFrom({ origin: SIM, source: frame, data: { ...status, paused: 'yes' } }, SIM, frame)).toBeNull();
    expect(pageStatusFrom({ origin: SIM, source: frame, data: 'paused' }, SIM, frame)).toBeNull();
  });
});

describe('sendControl', () => {
  it('addresses the control to the simulator origin only, and sends nothing without a frame or origin', () => {
    const sent: unknown[][] = [];
    const target = { postMessage: (...args: unknown[]) => void sent.push(args) } as unknown as Pick<Window, 'postMessage'>;
    expect(sendControl(target, SIM, 'pause')).toBe(true);
    expect(sent).toEqual([[{ type: CONTROL_MESSAGE, action: 'pause' }, SIM]]);
    expect(sendControl(target, null, 'resume')).toBe(false);
    expect(sendControl(null, SIM, 'resume')).toBe(false);
    expect(sent).toHaveLength(1);
  });
});
