/**
 * Play, Preview, Upload and Login from the app: runDeveloperTool with the Preferences path for
 * the project's platform and the upload key of its AppID, one tool run at a time, cancellable, its output lines pushed as
 * 'tool:log' events and its QR image as 'tool:qr' as soon as it exists.
 */
import type { ParamsOf, StudioEvents, ToolLocation, ToolResult } from '../../../shared/api.js';
import { locateTools, runDeveloperTool } from '../devtools/index.js';
import { StudioError } from '../errors.js';
import type { HashCache } from '../hash-cache.js';
import { buildProject } from '../index.js';
import type { PreferencesStore } from '../preferences.js';
import type { SettingsOverrides } from '../types.js';
import type { ProjectSession } from './project-session.js';

export type EmitToolEvent = <E extends 'tool:log' | 'tool:qr'>(event: E, payload: StudioEvents[E]) => void;

export interface ToolRunnerOptions {
  readonly preferences: PreferencesStore;
  readonly emit: EmitToolEvent;
  readonly project: () => ProjectSession;
  readonly overrides: () => SettingsOverrides;
  readonly hashes: HashCache;
  /** Folders whose node_modules/.bin may hold minidev besides the project (the studio's own). */
  readonly dependencyDirs: readonly string[];
}

export interface ToolRunner {
  locate(): Promise<readonly ToolLocation[]>;
  run(params: ParamsOf<'runTool'>): Promise<ToolResult>;
  cancel(): void;
}

export function createToolRunner(options: ToolRunnerOptions): ToolRunner {
  let running: AbortController | null = null;

  return {
    async locate() {
      const prefs = await options.preferences.get();
      let projectDirs: string[] = [];
      try {
        projectDirs = [options.project().dir];
      } catch {
        // No project open yet: look in the studio's own dependencies only.
      }
      return locateTools({
        wechatDevtoolsPath: prefs.wechatDevtoolsPath,
        alipayIdePath: prefs.alipayIdePath,
        dependencyDirs: [...projectDirs, ...options.dependencyDirs],
      });
    },

    async run({ action, version, description, robot }) {
      if (running) throw new StudioError('A developer tool is already running: wait for it, or cancel it first.', { code: 'TOOL_RUNNING' });
      const session = options.project();
      await session.idle();
      const settings = session.settings();
      if (!settings) throw new StudioError(`${session.state().error ?? 'The project cannot be read.'}`, { code: 'PROJECT_UNREADABLE' });
      const prefs = await options.preferences.get();
      // The upload key set in Preferences for this game's AppID makes Preview and Upload headless:
      // WeChat through miniprogram-ci (no DevTools), Alipay through minidev's --identity-key-path (no login).
      const key = settings.appid ? prefs.uploadKeys[settings.appid] : undefined;
      const controller = new AbortController();
      running = controller;
      try {
        return await runDeveloperTool({
          action,
          platform: settings.platform,
          projectDir: session.dir,
          overrides: options.overrides(),
          toolPath: settings.platform === 'wechat' ? prefs.wechatDevtoolsPath : prefs.alipayIdePath,
          dependencyDirs: options.dependencyDirs,
          version,
          description,
          robot,
          ...(key && { [settings.platform === 'wechat' ? 'privateKeyPath' : 'identityKeyPath']: key, keySource: 'preferences' as const }),
          signal: controller.signal,
          onLine: (line, stream) => options.emit('tool:log', { line, stream }),
          onQr: (qr) => options.emit('tool:qr', { dataUrl: qr.dataUrl, path: qr.path }),
          build: (dir, overrides, { signal }) => buildProject(dir, overrides, { signal, hashes: options.hashes }),
        });
      } finally {
        if (running === controller) running = null;
      }
    },

    cancel() {
      running?.abort();
    },
  };
}
