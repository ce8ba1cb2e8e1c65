/**
 * One Vite config for both ways the studio runs (ELECTRON-NOTES §4):
 * - `vite build --mode web`: the renderer only, into dist/renderer, served by web mode
 *   (`minigame-studio serve`, `npm start` without an Electron binary) and the Chromium e2e tests;
 * - `vite build` (default mode): the same renderer, plus the Electron main process (ESM) and the
 *   sandboxed preload (CommonJS, `preload.cjs`: a sandboxed preload cannot be ESM) into dist/electron.
 * vite-plugin-electron is loaded only outside web mode: in `vite` dev it spawns Electron, which
 * needs the binary.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';

const root = import.meta.dirname;
const electronOut = resolve(root, 'dist/electron');

/**
 * Build options for one Electron entry into dist/electron: only 'electron' stays external (the
 * plugin adds Node's built-ins); everything else — the engine for main, shared/ for the preload — is
 * bundled in.
 */
function electronBuild(format: 'es' | 'cjs', entryFileNames: string) {
  return {
    build: {
      outDir: electronOut,
      emptyOutDir: false,
      rollupOptions: { external: ['electron'], output: { format, entryFileNames } },
    },
  };
}

async function electronPlugins(): Promise<PluginOption[]> {
  const { default: electron } = await import('vite-plugin-electron/simple');
  return electron({
    main: { entry: resolve(root, 'electron/main.ts'), vite: electronBuild('es', '[name].js') },
    // A sandboxed preload cannot be ESM.
    preload: { input: resolve(root, 'electron/preload.ts'), vite: electronBuild('cjs', '[name].cjs') },
  });
}

export default defineConfig(async ({ mode }) => ({
  root: resolve(root, 'renderer'),
  base: './',
  plugins: [react(), ...(mode === 'web' ? [] : await electronPlugins())],
  build: {
    outDir: resolve(root, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
  },
  server: { host: '127.0.0.1' },
}));
