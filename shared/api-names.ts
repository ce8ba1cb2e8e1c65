/**
 * The StudioApi method and event names as plain data, with no zod: the sandboxed Electron preload
 * bundles this file to expose one function per method, and must stay small. The checks below fail
 * to compile when shared/api.ts gains a method or event that is not listed here.
 */
import type { ApiMethod, StudioEventName } from './api.js';

export const API_METHOD_NAMES = [
  'openProject',
  'getProject',
  'updateProject',
  'startBuild',
  'cancelBuild',
  'revealOutput',
  'getPreferences',
  'setPreferences',
  'locateTools',
  'runTool',
  'cancelTool',
  'setServeRemote',
  'getHistory',
  'diffHistory',
  'startSimulator',
  'restartSimulator',
  'stopSimulator',
  'getSimulator',
  'getFit',
  'applyFit',
  'undoFit',
  'previewImage',
] as const satisfies readonly ApiMethod[];

export const STUDIO_EVENT_NAMES = ['project:changed', 'build:progress', 'build:done', 'tool:log', 'tool:qr', 'simulator:changed', 'simulator:log'] as const satisfies readonly StudioEventName[];

/** The global the preload installs (`window.studio`). */
export const BRIDGE_GLOBAL = 'studio';

type Missing<All, Listed> = Exclude<All, Listed>;
const _allMethodsListed: Missing<ApiMethod, (typeof API_METHOD_NAMES)[number]> extends never ? true : never = true;
const _allEventsListed: Missing<StudioEventName, (typeof STUDIO_EVENT_NAMES)[number]> extends never ? true : never = true;
void _allMethodsListed;
void _allEventsListed;

export function isApiMethodName(value: unknown): value is ApiMethod {
  return typeof value === 'string' && (API_METHOD_NAMES as readonly string[]).includes(value);
}

export function isStudioEventName(value: unknown): value is StudioEventName {
  return typeof value === 'string' && (STUDIO_EVENT_NAMES as readonly string[]).includes(value);
}
