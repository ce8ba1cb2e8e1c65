/**
 * The studio's side of the view's postMessage channel (web mode). Controls go only to the frame's
 * window, addressed to the simulator's origin (the browser drops them if the frame is anywhere
 * else); a message from the page counts only when it comes from that frame's window on that origin
 * and has the page-status shape. It is shown, never acted on: the game's code writes it.
 */
import { CONTROL_MESSAGE, PAGE_MESSAGE, type SimulatorControl } from '../../../../shared/simulator.js';
import type { PageStatus } from '../../stores/simulator-store.js';

interface MessageLike {
  readonly origin: string;
  readonly source: unknown;
  readonly data: unknown;
}

/** The page's status from a message, or null when it is not the simulator frame's own. */
export function pageStatusFrom(event: MessageLike, simulatorOrigin: string | null, frame: unknown): PageStatus | null {
  if (!simulatorOrigin || event.origin !== simulatorOrigin) return null;
  if (frame === null || frame === undefined || event.source !== frame) return null;
  const data = event.data;
  if (typeof data !== 'object' || data === null) return null;
  const { type, paused, drawn } = data as Record<string, unknown>;
  if (type !== PAGE_MESSAGE || typeof paused !== 'boolean' || typeof drawn !== 'boolean') return null;
  return { paused, drawn };
}

/** Sends a control to the frame, only if it is on the simulator's origin. */
export function sendControl(frame: Pick<Window, 'postMessage'> | null | undefined, simulatorOrigin: string | null, action: SimulatorControl): boolean {
  if (!frame || !simulatorOrigin) return false;
  frame.postMessage({ type: CONTROL_MESSAGE, action }, simulatorOrigin);
  return true;
}
