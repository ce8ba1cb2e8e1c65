/**
 * The record of one simulator session: the files the game read or downloaded (where from, with
 * what status), the files it asked for that the build does not have (with the reason), console
 * lines, uncaught errors, APIs it used that the simulator lacks, and the cold-start timeline.
 * The server fills it from its own requests and from the page's events; the CLI and the app read it.
 */
import type { BuildIndex } from './build-index.js';
import { whyMissing, type MissingFile } from './missing.js';
import type { RequestSource } from '../../../shared/simulator.js';

export type { RequestSource };

export interface RequestEntry {
  readonly path: string;
  readonly source: RequestSource;
  readonly status: number;
  readonly count: number;
  readonly note?: string;
}

export interface SimError {
  readonly message: string;
  readonly stack: string;
}

/** A console line of the game: its level, its text, and where in the package it was called. */
export interface ConsoleEntry {
  readonly level: string;
  readonly text: string;
  /** "js/main.js:12:5", as the page's stack named it; null when no package frame called it. */
  readonly where: string | null;
}

export interface TimelineEntry {
  readonly at: number;
  /** `download`: a package's download before its code runs (the main package's at a cold start). */
  readonly kind: 'start' | 'download' | 'first-frame' | 'touch' | 'subpackage';
  readonly detail: string;
}

export interface SessionSnapshot {
  readonly requests: readonly RequestEntry[];
  readonly missing: readonly MissingFile[];
  readonly errors: readonly SimError[];
  readonly unsupported: readonly string[];
  /** "[level] text", one per line (the form `simulate --json` has always printed). */
  readonly console: readonly string[];
  /** The same lines with their call site. */
  readonly consoleEntries: readonly ConsoleEntry[];
  readonly timeline: readonly TimelineEntry[];
  readonly firstFrameMs: number | null;
  /** Bytes of user files the game holds, as the page last said (null before it has). */
  readonly storageBytes: number | null;
}

export type SessionListener = (kind: 'request' | 'console' | 'error' | 'unsupported' | 'timeline' | 'storage') => void;

const MAX_REQUESTS = 5000;
const MAX_CONSOLE = 500;
const MAX_ERRORS = 100;

/** A call site the page sent: "path:line" or "path:line:column", else null (the page is untrusted). */
function site(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 500 && /^[^\r\n]+:\d+(:\d+)?$/.test(value) ? value : null;
}

const SOURCES = new Set(['package', 'subpackage', 'remote', 'cache', 'temp', 'network']);

export class SessionLog {
  private readonly requests = new Map<string, { path: string; source: RequestSource; status: number; count: number; note?: string }>();
  private readonly missing = new Map<string, MissingFile>();
  private readonly errors: SimError[] = [];
  private readonly unsupported = new Set<string>();
  private readonly consoleLines: ConsoleEntry[] = [];
  private readonly timeline: TimelineEntry[] = [];
  private firstFrameMs: number | null = null;
  private storageBytes: number | null = null;
  private readonly listeners = new Set<SessionListener>();

  constructor(private index: BuildIndex) {}

  /** After a rebuild: reasons come from the new report. */
  useIndex(index: BuildIndex): void {
    this.index = index;
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(kind: Parameters<SessionListener>[0]): void {
    for (const listener of this.listeners) listener(kind);
  }

  request(path: string, source: RequestSource, status: number, note?: string): void {
    const key = `${source}\0${path}\0${status}`;
    const seen = this.requests.get(key);
    if (seen) seen.count += 1;
    else if (this.requests.size < MAX_REQUESTS) this.requests.set(key, { path, source, status, count: 1, ...(note && { note }) });
    if (status === 404 && (source === 'package' || source === 'subpackage' || source === 'remote') && !this.missing.has(path)) {
      const reason = source === 'remote' ? `${path} was requested from the Remote URL, but it is not in OUT-res` : whyMissing(path, this.index);
      this.missing.set(path, { path, reason });
    }
    this.emit('request');
  }

  /** One batch of events posted by the page; anything malformed is dropped (the page is untrusted). */
  addPageEvents(events: unknown): void {
    if (!Array.isArray(events)) return;
    for (const raw of events.slice(0, 1000)) {
      if (typeof raw !== 'object' || raw === null) continue;
      const e = raw as Record<string, unknown>;
      const text = (v: unknown, max = 4000): string => String(v ?? '').slice(0, max);
      const at = typeof e.at === 'number' ? e.at : 0;
      switch (e.type) {
        case 'request':
          if (typeof e.path === 'string' && SOURCES.has(String(e.source)) && typeof e.status === 'number') {
            this.request(text(e.path, 1000), e.source as RequestSource, e.status, e.note === undefined ? undefined : text(e.note, 300));
          }
          break;
        case 'console':
          this.addConsole({ level: text(e.level, 10), text: text(e.text), where: site(e.where) });
          this.emit('console');
          break;
        case 'error':
          if (this.errors.length < MAX_ERRORS) this.errors.push({ message: text(e.message, 1000), stack: text(e.stack) });
          this.addConsole({ level: 'uncaught', text: text(e.message, 1000), where: site(e.where) });
          this.emit('error');
          break;
        case 'unsupported':
          if (typeof e.api === 'string' && this.unsupported.size < 1000) this.unsupported.add(text(e.api, 100));
          this.emit('unsupported');
          break;
        case 'first-frame':
          if (this.firstFrameMs === null && typeof e.ms === 'number') this.firstFrameMs = e.ms;
          this.mark(at, 'first-frame', `${e.frames ?? 0} frames`);
          break;
        case 'storage':
          if (typeof e.bytes === 'number' && Number.isFinite(e.bytes) && e.bytes >= 0) {
            this.storageBytes = e.bytes;
            this.emit('storage');
          }
          break;
        case 'start':
          this.mark(at, 'start', `${text(e.platform, 10)} on ${text(e.device, 40)}`);
          break;
        case 'touch':
          if (!this.timeline.some((t) => t.kind === 'touch')) this.mark(at, 'touch', `${Number(e.x)},${Number(e.y)}`);
          break;
        case 'download':
          this.mark(at, 'download', `${text(e.name, 100)}: ${Number(e.bytes)} bytes ${e.cached === true ? 'already on the device (offline profile)' : `in ${Number(e.ms)} ms`}`);
          break;
        case 'subpackage':
          this.mark(at, 'subpackage', `${text(e.name, 100)}: ${text(e.status, 20)} in ${Number(e.ms)} ms`);
          break;
        default:
          break;
      }
    }
  }

  private addConsole(entry: ConsoleEntry): void {
    this.consoleLines.push(entry);
    if (this.consoleLines.length > MAX_CONSOLE) this.consoleLines.shift();
  }

  private mark(at: number, kind: TimelineEntry['kind'], detail: string): void {
    if (this.timeline.length < 1000) this.timeline.push({ at, kind, detail });
    this.emit('timeline');
  }

  snapshot(): SessionSnapshot {
    return {
      requests: [...this.requests.values()].map((r) => ({ ...r })),
      missing: [...this.missing.values()],
      errors: [...this.errors],
      unsupported: [...this.unsupported],
      console: this.consoleLines.map((line) => `[${line.level}] ${line.text}`),
      consoleEntries: this.consoleLines.map((line) => ({ ...line })),
      timeline: [...this.timeline],
      firstFrameMs: this.firstFrameMs,
      storageBytes: this.storageBytes,
    };
  }
}
