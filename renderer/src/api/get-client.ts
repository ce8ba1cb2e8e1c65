/** Picks the transport at startup: the Electron bridge when the preload installed one, else WebSocket. */
import { clientFromTransport, type StudioClient } from './client.js';
import { transportFromBridge } from './electron-transport.js';
import { createWsTransport, rpcUrlFor, type WsTransportOptions } from './ws-transport.js';

export function getClient(options: WsTransportOptions = {}): StudioClient {
  const bridge = window.studio;
  if (bridge) {
    return clientFromTransport(transportFromBridge(bridge), {
      mode: 'electron',
      pathForFile: (file) => bridge.pathForFile(file) || null,
      choosePath: (kind) => bridge.choosePath(kind),
      simulatorView: bridge.simulatorView,
    });
  }
  return clientFromTransport(createWsTransport(rpcUrlFor(window.location), options), {
    mode: 'web',
    // A browser never reveals where a dropped folder lives.
    pathForFile: () => null,
  });
}
