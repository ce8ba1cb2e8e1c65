/**
 * `minigame-studio serve [DIR] [--port N]`: the studio UI in the browser (web mode), on DIR or,
 * without one, on the last project (else the bundled sample game). The first line on stdout is
 * the URL to open, token included, so scripts (`npm start`, tests) can read it; everything else
 * goes to stderr. Runs until Ctrl+C (or the given signal aborts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isStudioError } from '../engine/errors.js';
import { PACKAGE_ROOT, startWebServer, type WebServerOptions } from '../server.js';
import type { Io } from './args.js';

export interface ServeOptions extends Pick<WebServerOptions, 'dir' | 'port' | 'userDataDir' | 'rendererDir'> {
  /** Stops the server (tests); without it, SIGINT or SIGTERM does. */
  readonly signal?: AbortSignal;
}

export async function runServe(options: ServeOptions, io: Pick<Io, 'stdout' | 'stderr'>): Promise<number> {
  let server;
  try {
    server = await startWebServer({ dir: options.dir, port: options.port, userDataDir: options.userDataDir, rendererDir: options.rendererDir, openFolders: true });
  } catch (error) {
    if (!isStudioError(error)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  io.stdout.write(`${server.url}\n`);
  const project = await server.studio.getProject({});
  io.stderr.write(`Minigame Studio is serving ${project.isSample ? 'the sample game' : project.dir} on 127.0.0.1 only.\n`);
  io.stderr.write(`Open ${server.url} in your browser (the token in it is the key). Press Ctrl+C to stop.\n`);
  const rendererDir = options.rendererDir ?? join(PACKAGE_ROOT, 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    io.stderr.write(`warning: the studio UI is not built yet (no ${rendererDir}): run \`npm run build:web\`, then reload the page.\n`);
  }

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    if (options.signal) {
      if (options.signal.aborted) return stop();
      options.signal.addEventListener('abort', stop, { once: true });
    } else {
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }
  });
  await server.close();
  return 0;
}
