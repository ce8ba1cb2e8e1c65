/** Play / Preview / Upload: the running action, its result (QR, failure kind) and the tool's log. */
import { createStore } from 'zustand/vanilla';
import type { ToolAction, ToolResult } from '../../../shared/api.js';
import type { StudioClient } from '../api/client.js';

export interface LogLine {
  readonly line: string;
  readonly stream: 'stdout' | 'stderr' | 'studio';
}

/** Enough for a long upload; older lines scroll away so the panel stays fast. */
export const MAX_LOG_LINES = 2000;

export interface ToolsStoreState {
  readonly running: ToolAction | null;
  readonly result: ToolResult | null;
  readonly lines: readonly LogLine[];
  readonly error: string | null;
  /** A QR the tool wrote while still running (the login QR waits for a scan). */
  readonly liveQr: { readonly dataUrl: string; readonly path: string } | null;
  run(action: ToolAction, extra?: { version?: string; description?: string; robot?: number }): Promise<ToolResult | null>;
  cancel(): Promise<void>;
  append(line: LogLine): void;
  showQr(qr: { readonly dataUrl: string; readonly path: string }): void;
  clearLog(): void;
  dismiss(): void;
}

export function createToolsStore(api: StudioClient, beforeRun: () => Promise<unknown> = async () => {}) {
  return createStore<ToolsStoreState>()((set, get) => ({
    running: null,
    result: null,
    lines: [],
    error: null,
    liveQr: null,

    async run(action, extra = {}) {
      if (get().running) return null;
      set({ running: action, result: null, error: null, liveQr: null });
      try {
        // The tool builds first: settings still in their debounce must be saved before.
        await beforeRun();
        const result = await api.runTool({ action, ...extra });
        set({ result, running: null });
        return result;
      } catch (error) {
        set({ running: null, error: error instanceof Error ? error.message : String(error) });
        return null;
      }
    },

    async cancel() {
      if (!get().running) return;
      await api.cancelTool({});
    },

    append(line) {
      const lines = [...get().lines, line];
      set({ lines: lines.length > MAX_LOG_LINES ? lines.slice(-MAX_LOG_LINES) : lines });
    },

    showQr(liveQr) {
      set({ liveQr });
    },

    clearLog() {
      set({ lines: [] });
    },

    dismiss() {
      set({ result: null, error: null, liveQr: null });
    },
  }));
}

export type ToolsStore = ReturnType<typeof createToolsStore>;
