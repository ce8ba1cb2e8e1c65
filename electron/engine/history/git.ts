/**
 * The git commit and branch of a project, for the build history and for `diff <ref>`. Fail-soft:
 * no git installed, not a repository, no commit yet, or a slow disk all mean "no git facts".
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GitInfo } from './entry.js';

const TIMEOUT_MS = 10_000;

async function git(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    // Loaded on first use: a build outside a repository never needs it.
    const { execa } = await import('execa');
    const result = await execa('git', [...args], { cwd, reject: false, timeout: TIMEOUT_MS, stdin: 'ignore', env: { GIT_OPTIONAL_LOCKS: '0' } });
    return result.exitCode === 0 && typeof result.stdout === 'string' ? result.stdout.trim() : null;
  } catch {
    return null;
  }
}

/**
 * The `.git` git would find from `dir`: in it or a folder above (null: none). Without one (and
 * without GIT_DIR), no git process is started: it costs a build ~20–50 ms to learn "not a
 * repository".
 */
function dotGitFor(dir: string): string | null {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    if (existsSync(dotGit)) return dotGit;
    if (dirname(at) === at) return null;
  }
}

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * HEAD's commit and branch read from the files of `.git` itself, as git's files backend keeps
 * them: HEAD naming a branch (`ref: refs/heads/<name>`) whose commit is in its loose ref file or
 * in packed-refs, or a detached HEAD holding a commit. A build in a repository asks this every
 * time, and a git process costs ~20–25 ms here (~350 ms the first time in a process, with execa's
 * import): this costs three small reads. Undefined where git must answer: GIT_DIR, GIT_COMMON_DIR
 * or GIT_WORK_TREE set, a `.git` that is a file (a worktree, a submodule), the reftable format,
 * a branch with no commit yet, anything else unexpected.
 */
function headFromFiles(dotGit: string): GitInfo | undefined {
  if (process.env.GIT_DIR || process.env.GIT_COMMON_DIR || process.env.GIT_WORK_TREE) return undefined;
  try {
    if (!lstatSync(dotGit).isDirectory() || existsSync(join(dotGit, 'reftable'))) return undefined;
    const head = readFileSync(join(dotGit, 'HEAD'), 'utf8').trim();
    if (COMMIT.test(head)) return { commit: head, branch: null };
    const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    if (!ref || ref.split('/').includes('..')) return undefined;
    // A ref's own file wins over packed-refs, as in git; one that holds anything but a commit (a
    // symbolic ref) is git's to follow.
    const loose = readIfThere(join(dotGit, ref))?.trim();
    const commit = loose === undefined ? packedRef(dotGit, ref) : COMMIT.test(loose) ? loose : undefined;
    return commit ? { commit, branch: ref.slice('refs/heads/'.length) } : undefined;
  } catch {
    return undefined;
  }
}

/** The commit packed-refs gives a ref (undefined: none). */
function packedRef(dotGit: string, ref: string): string | undefined {
  for (const line of readIfThere(join(dotGit, 'packed-refs'))?.split('\n') ?? []) {
    const [commit, name] = line.trim().split(' ');
    if (name === ref && commit && COMMIT.test(commit)) return commit;
  }
  return undefined;
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function gitInfo(projectDir: string): Promise<GitInfo | null> {
  const dotGit = dotGitFor(projectDir);
  if (!dotGit && !process.env.GIT_DIR) return null;
  const fromFiles = dotGit ? headFromFiles(dotGit) : undefined;
  if (fromFiles) return fromFiles;
  const out = await git(projectDir, ['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD']);
  const [commit, branch] = out?.split('\n') ?? [];
  if (!commit || !COMMIT.test(commit)) return null;
  return { commit, branch: branch && branch !== 'HEAD' ? branch : null };
}

/** The commit a ref names (a branch, tag, `main~2`, an abbreviated hash), or null. */
export async function resolveGitRef(projectDir: string, ref: string): Promise<string | null> {
  if (ref.startsWith('-')) return null;
  const out = await git(projectDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return out && COMMIT.test(out) ? out : null;
}
