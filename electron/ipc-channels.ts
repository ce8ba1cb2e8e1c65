/** IPC channel names shared by preload.ts and ipc.ts (no 'electron' import, so both can bundle it). */
export const CALL_CHANNEL = 'studio:call';
export const EVENT_CHANNEL = 'studio:event';
export const CHOOSE_CHANNEL = 'studio:choose';
export const SIMULATOR_VIEW_CHANNEL = 'studio:simulator-view';
