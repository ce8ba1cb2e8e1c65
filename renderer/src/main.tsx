/** Boot: pick the transport, create the stores, wire engine events, render. */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { getClient } from './api/get-client.js';
import { StudioProvider } from './stores/context.js';
import { connectStores, createStores, loadAll } from './stores/stores.js';
import './styles.css';

type Connection = 'connecting' | 'open' | 'closed';
let setConnection: (c: Connection) => void = () => {};
let lastConnection: Connection = 'connecting';
let opened = false;

const api = getClient({
  onStatus: (status) => {
    lastConnection = status;
    setConnection(status);
    // After a reconnect the engine may have moved on: read everything again.
    if (status === 'open' && opened) void loadAll(stores);
    if (status === 'open') opened = true;
  },
});
const stores = createStores(api);
connectStores(api, stores);
void loadAll(stores);

function Root() {
  const [connection, set] = useState<Connection>(api.mode === 'web' ? lastConnection : 'open');
  useEffect(() => {
    setConnection = set;
    set(lastConnection);
  }, []);
  return <App connection={api.mode === 'web' ? connection : 'open'} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioProvider api={api} stores={stores}>
      <Root />
    </StudioProvider>
  </StrictMode>,
);
