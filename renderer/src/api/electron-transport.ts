/**
 * Electron: the preload exposes `window.studio` with named members only (ELECTRON-NOTES §2). This
 * file adapts it to a Transport; the preload forwards each call to the same engine as web mode.
 */
import type { RpcResponse, StudioBridge } from '../../../shared/api.js';
import { StudioCallError, type Transport } from './client.js';

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

function isEnvelope(value: unknown): value is RpcResponse {
  return typeof value === 'object' && value !== null && 'ok' in value && ('result' in value || 'error' in value);
}

/** Accepts either the bare result or the RpcResponse envelope, whichever the preload returns. */
export function transportFromBridge(bridge: StudioBridge): Transport {
  return {
    async call(method, params) {
      const value = await bridge.call(method, params);
      if (!isEnvelope(value)) return value;
      if (value.ok) return value.result;
      throw new StudioCallError(value.error.code, value.error.message, value.error.field);
    },
    on: (event, cb) => bridge.on(event, cb as never),
  };
}
