/**
 * serveRemote: build the project with its Remote URL pointing at this computer, and serve OUT-res
 * over HTTP, so the remote-resource path can be tried in the developer tool or on a phone on the
 * same network before anything is uploaded to a real server. The developer tool must be told not
 * to check the download domain (REMOTE_CHECK_HINT).
 */
import { StudioError } from '../errors.js';
import { buildProject, type BuildOptions } from '../index.js';
import { remoteDirFor } from '../output/layout.js';
import type { BuildOutcome, SettingsOverrides } from '../types.js';
import { lanAddress } from './lan-address.js';
import { startStaticServer } from './static-server.js';

/** The developer tool's option that allows an http:// download domain (WeChat DevTools → Details → Local settings). */
export const REMOTE_CHECK_HINT = {
  zh: '不校验合法域名、web-view（业务域名）、TLS 版本以及 HTTPS 证书',
  en: 'Does not verify valid domain names, web-view (business domain names), TLS versions and HTTPS certificates',
} as const;

export interface RemoteServer {
  /** The Remote URL the build uses, with a trailing slash. */
  readonly url: string;
  readonly outcome: BuildOutcome;
  /** Builds again (after a change) and serves the new OUT-res. */
  rebuild(): Promise<BuildOutcome>;
  close(): Promise<void>;
}

export interface ServeRemoteOptions extends BuildOptions {
  readonly projectDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** The address put into the Remote URL; the LAN address by default. */
  readonly address?: string;
  readonly overrides?: SettingsOverrides;
}

export async function serveRemote(options: ServeRemoteOptions): Promise<RemoteServer> {
  const address = options.address ?? lanAddress();
  const server = await startStaticServer(options.port ?? 0, '0.0.0.0').catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    throw new StudioError(
      code === 'EADDRINUSE'
        ? `Port ${options.port} is already in use; choose another with --port.`
        : `Could not start the remote file server on port ${options.port ?? 0} (${(error as Error).message}).`,
      { code: 'PORT_UNAVAILABLE', exitCode: 1, cause: error },
    );
  });
  const url = `http://${address}:${server.port}/`;
  const build = async (): Promise<BuildOutcome> => {
    const outcome = await buildProject(options.projectDir, { ...options.overrides, remoteUrl: url }, options);
    if (outcome.built) server.setRoot(outcome.analysis.layout.remoteDir ?? remoteDirFor(outcome.analysis.settings.outDir));
    return outcome;
  };
  try {
    const outcome = await build();
    return { url, outcome, rebuild: build, close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}
