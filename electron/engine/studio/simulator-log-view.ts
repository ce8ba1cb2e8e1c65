/**
 * The session log as the app's view shows it: each request with the reason the build lacks it,
 * console lines with their level and call site, errors with the first place in the package their stack
 * names, and package addresses (http://127.0.0.1:PORT/pkg/js/a.js:3:7) written as package paths
 * (js/a.js:3:7), so a line reads as the developer's own file and line.
 */
import type { SimulatorLog } from '../../../shared/simulator.js';
import type { SessionSnapshot } from '../simulator/session-log.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function packageAddress(origin: string): RegExp {
  return new RegExp(`${escape(origin)}/pkg/([^\\s)?#:]+)(?:\\?[^\\s):]*)?((?::\\d+){1,2})`, 'g');
}

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Package addresses in a text replaced by package paths with their line (and column). */
export function packagePaths(text: string, origin: string): string {
  return text.replace(packageAddress(origin), (_all, path: string, position: string) => `${decode(path)}${position}`);
}

/** The first package file:line:column a stack names, or null. */
export function firstPackageFrame(stack: string, origin: string): string | null {
  const match = packageAddress(origin).exec(stack);
  return match ? `${decode(match[1] as string)}${match[2] as string}` : null;
}

export function logView(run: number, snapshot: SessionSnapshot, origin: string, quotaBytes: number): SimulatorLog {
  const reasons = new Map(snapshot.missing.map((m) => [m.path, m.reason]));
  return {
    run,
    requests: snapshot.requests.map((r) => {
      const missing = r.status === 404 && r.source !== 'cache' && r.source !== 'temp' ? reasons.get(r.path) : undefined;
      return missing ? { ...r, missing } : { ...r };
    }),
    missing: snapshot.missing.map((m) => ({ path: m.path, reason: m.reason })),
    console: snapshot.consoleEntries.map((line) => ({ level: line.level, text: packagePaths(line.text, origin), where: line.where })),
    errors: snapshot.errors.map((e) => ({ message: packagePaths(e.message, origin), where: firstPackageFrame(e.stack, origin), stack: packagePaths(e.stack, origin) })),
    unsupported: [...snapshot.unsupported],
    timeline: snapshot.timeline.map((t) => ({ at: t.at, kind: t.kind, detail: t.detail })),
    firstFrameMs: snapshot.firstFrameMs,
    storage: { usedBytes: snapshot.storageBytes ?? null, quotaBytes },
  };
}
