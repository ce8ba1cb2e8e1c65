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


async function electronPlugins(): Promise<PluginOption[]> {
  const { default: electron } = await import('vite-plugin-electron/simple');
  return electron({
    main: {
      entry: resolve(root, 'electron/main.ts'),
      vite: {
        build: {
          outDir: electronOut,
          emptyOutDir: false,
          // The engine and its dependencies are bundled into one ESM file; only Electron and Node's
          // built-ins stay external (the plugin adds those).
          rollupOptions: {
            external: ['electron'],
            output: { format: 'es', entryFileNames: '[name].js' },
          },
        },
      },
    },
    preload: {
      input: resolve(root, 'electron/preload.ts'),
      vite: {
        build: {
          outDir: electronOut,
          emptyOutDir: false,
          // A sandboxed preload may require only 'electron'; everything else (shared/) is bundled.
          rollupOptions: {
            external: ['electron'],
            output: { format: 'cjs', entryFileNames: '[name].cjs' },
          },
        },
      },
    },
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
