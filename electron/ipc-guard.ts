/**
 * The IPC call path without Electron in it, so that the sender check is tested in plain Node:
 * a message from anything but our own page (or from a frame that is gone: null) is refused before
 * the engine sees it; everything else goes through the same `dispatch` as web mode.
 */
import type { RpcResponse, StudioApi } from '../shared/api.js';
import { handleRequest } from './engine/studio/dispatch.js';
import { isTrustedSenderUrl } from './security.js';

export const UNTRUSTED_SENDER: RpcResponse = {
  id: 0,
  ok: false,
  error: { code: 'UNTRUSTED_SENDER', message: 'This page may not use the studio.' },
};

export async function guardedCall(
  api: StudioApi,
  senderUrl: string | null | undefined,
  devServerOrigin: string | undefined,
  method: unknown,
  params: unknown,
): Promise<RpcResponse> {
  if (!isTrustedSenderUrl(senderUrl, devServerOrigin)) return UNTRUSTED_SENDER;
  return handleRequest(api, { id: 0, method, params });
}
