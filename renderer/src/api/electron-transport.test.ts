import { describe, expect, it } from 'vitest';
import type { RpcResponse, StudioBridge } from '../../../shared/api.js';
import { clientFromTransport, StudioCallError } from './client.js';
import { transportFromBridge } from './electron-transport.js';

/** Only what the transport touches: `call` answering with the envelope, and `on`. */
function bridgeAnswering(answer: (method: string) => RpcResponse): StudioBridge {
  return {
    call: async (method: string) => answer(method),
    on: () => () => undefined,
  } as unknown as StudioBridge;
}

describe('Electron transport', () => {
  it('unwraps the envelope the preload returns', async () => {
    const bridge = bridgeAnswering(() => ({ id: 0, ok: true, result: { outDir: '/out' } }));
    const api = clientFromTransport(transportFromBridge(bridge), { mode: 'electron', pathForFile: () => null });
    await expect(api.revealOutput({})).resolves.toEqual({ outDir: '/out' });
  });

  it('keeps the error code and field of a refusal', async () => {
    const bridge = bridgeAnswering(() => ({ id: 0, ok: false, error: { code: 'REMOTE_URL_INVALID', message: 'bad URL', field: 'remoteUrl' } }));
    const api = clientFromTransport(transportFromBridge(bridge), { mode: 'electron', pathForFile: () => null });
    const refused = api.updateProject({ patch: { remoteUrl: 'x' } });
    await expect(refused).rejects.toBeInstanceOf(StudioCallError);
    await expect(refused).rejects.toMatchObject({ code: 'REMOTE_URL_INVALID', field: 'remoteUrl', message: 'bad URL' });
  });
});
