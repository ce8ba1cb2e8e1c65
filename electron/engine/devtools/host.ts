/**
 * What the developer-tool code asks of the machine: the OS, the environment (PATH, Program Files),
 * the home folder, and whether a path is a file, a folder, or executable. Injected, so that tests
 * on Linux can check the Windows and macOS install shapes.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

export type PathKind = 'file' | 'dir' | null;

export interface Host {
  readonly os: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  kind(file: string): Promise<PathKind>;
  /** On Windows any existing file counts: execution is decided by the extension there. */
  isExecutable(file: string): Promise<boolean>;
}

export function nodeHost(): Host {
  return {
    os: process.platform,
    env: process.env,
    homeDir: homedir(),
    kind: statKind,
    isExecutable: async (file) => {
      if (process.platform === 'win32') return (await statKind(file)) === 'file';
      try {
        await access(file, constants.X_OK);
        return (await statKind(file)) === 'file';
      } catch {
        return false;
      }
    },
  };
}

async function statKind(file: string): Promise<PathKind> {
  try {
    const info = await stat(file);
    return info.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/** The path functions of the host's OS (win32 paths on a Windows host, even when tested on Linux). */
export function pathsOf(host: Host): path.PlatformPath {
  return host.os === 'win32' ? path.win32 : path.posix;
}

/** An environment variable, case-insensitively on Windows (Path, PATH, ProgramFiles(x86), …). */
export function envVar(host: Host, name: string): string | undefined {
  if (host.os !== 'win32') return host.env[name];
  const key = Object.keys(host.env).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : host.env[key];
}

/** The first executable named one of `names` in the folders of PATH (with PATHEXT on Windows). */
export async function findOnPath(host: Host, names: readonly string[]): Promise<string | null> {
  const paths = pathsOf(host);
  const dirs = (envVar(host, 'PATH') ?? '').split(paths.delimiter).filter(Boolean);
  const exts = host.os === 'win32' ? (envVar(host, 'PATHEXT') ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const name of names) {
      for (const ext of exts) {
        const candidate = paths.join(dir, name + ext.toLowerCase());
        if ((await host.kind(candidate)) === 'file' && (await host.isExecutable(candidate))) return candidate;
      }
    }
  }
  return null;
}
