/**
 * The Electron main process: the only place that creates windows. It stays thin on purpose: the
 * engine (electron/engine/**) does the work and is tested in plain Node; this file wires it to a
 * locked-down window (ELECTRON-NOTES §2): sandboxed renderer with context isolation, a CJS
 * preload exposing named methods, the UI served from app:// with a CSP header, navigation, new
 * windows, webviews and permission requests all denied.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, net, protocol, session, shell, type WebContents } from 'electron';
import { createStudio, type Studio } from './engine/studio/create-studio.js';
import { defaultUserDataDir } from './engine/preferences.js';
import { registerIpc, sendToWindows } from './ipc.js';
import type { SimulatorState } from '../shared/simulator.js';
import { createSimulatorView } from './simulator-view.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, contentSecurityPolicy, isSafeExternalUrl, isTrustedSenderUrl, resolveInside } from './security.js';

// Set by vite-plugin-electron while developing (`vite` in default mode); absent in a built app.
const devServerUrl = process.env.VITE_DEV_SERVER_URL;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
const rendererDir = join(import.meta.dirname, '..', 'renderer');

// The same folder as web mode and the CLI use (whatever productName the packager writes), or
// MINIGAME_STUDIO_USER_DATA: the e2e tests give each run its own.
app.setPath('userData', defaultUserDataDir());

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** Serves dist/renderer on app://studio/, refusing any path that leaves it. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return new Response('Forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Applies the navigation, window and webview rules to every web contents, present and future. */
function lockDown(contents: WebContents): void {
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!isTrustedSenderUrl(url, devServerOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A link to documentation opens in the user's browser; nothing opens inside the studio.
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Minigame Studio',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

let studio: Studio | null = null;

async function start(): Promise<void> {
  await app.whenReady();
  registerAppProtocol();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  // The simulator's own view: sandboxed, its own in-memory session, loading only the engine's URL.
  const simulatorView = createSimulatorView(
    () => BrowserWindow.getAllWindows()[0],
    async () => (studio ? studio.getSimulator({}) : Promise.reject(new Error('The studio is not running.'))),
  );
  const resourcesDir = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources');
  // The engine finds runtime.js relative to its source file; in the bundled main it lives in resources/ (extraResources).
  process.env.MINIGAME_STUDIO_RUNTIME ??= join(resourcesDir, 'runtime', 'runtime.js');
  process.env.MINIGAME_STUDIO_SIMULATOR ??= join(resourcesDir, 'simulator');
  studio = createStudio({
    userDataDir: app.getPath('userData'),
    resourcesDir,
    locale: app.getLocale(),
    emit: (event, payload) => {
      sendToWindows(event, payload);
      if (event === 'simulator:changed') simulatorView.follow(payload as SimulatorState);
    },
    dependencyDirs: [app.getAppPath()],
    // The engine checked this path (the project's output folder); the renderer never names it.
    openPath: async (path) => {
      const failure = await shell.openPath(path);
      if (failure) throw new Error(`Could not open ${path}: ${failure}`);
    },
  });
  registerIpc({ studio, devServerOrigin, simulatorView });
  // `npm start -- DIR` opens DIR; otherwise the renderer's first getProject opens the last project.
  const requested = process.env.MINIGAME_STUDIO_PROJECT;
  if (requested) await studio.openProject({ dir: requested }).catch(() => undefined);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
let closing = false;
app.on('before-quit', (event) => {
  // Stop watchers and builds before exiting, so no half-written temporary folder is left.
  if (!studio || closing) return;
  closing = true;
  event.preventDefault();
  void studio.close().finally(() => app.quit());
});

// One studio per user-data folder: a second launch brings the open window forward instead.
if (!app.requestSingleInstanceLock()) app.quit();
else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void start();
}
