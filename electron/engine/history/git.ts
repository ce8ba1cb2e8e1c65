/**
 * The git commit and branch of a project, for the build history and for `diff <ref>`. Fail-soft:
 * no git installed, not a repository, no commit yet, or a slow disk all mean "no git facts".
 */
import { existsSync } from 'node:fs';
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
 * Whether git could find a repository from `dir`: a `.git` in it or a folder above, or GIT_DIR
 * set. Without one, no git process is started (it costs a build ~20–50 ms to learn "not a
 * repository").
 */
export function mayBeInRepository(dir: string): boolean {
  if (process.env.GIT_DIR) return true;
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return true;
    if (dirname(at) === at) return false;
  }
}

export async function gitInfo(projectDir: string): Promise<GitInfo | null> {
  if (!mayBeInRepository(projectDir)) return null;
  const out = await git(projectDir, ['rev-parse', 'HEAD', '--abbrev-ref', 'HEAD']);
  const [commit, branch] = out?.split('\n') ?? [];
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return null;
  return { commit, branch: branch && branch !== 'HEAD' ? branch : null };
}

/** The commit a ref names (a branch, tag, `main~2`, an abbreviated hash), or null. */
export async function resolveGitRef(projectDir: string, ref: string): Promise<string | null> {
  if (ref.startsWith('-')) return null;
  const out = await git(projectDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  return out && /^[0-9a-f]{40,64}$/.test(out) ? out : null;
}
