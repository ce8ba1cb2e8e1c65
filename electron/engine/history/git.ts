/**
 * The git commit and branch of a project, for the build history and for `diff <ref>`. Fail-soft:
 * no git installed, not a repository, no commit yet, or a slow disk all mean "no git facts".
 */
import { execa } from 'execa';
import type { GitInfo } from './entry.js';

const TIMEOUT_MS = 10_000;

async function git(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    const result = await execa('git', [...args], { cwd, reject: false, timeout: TIMEOUT_MS, stdin: 'ignore', env: { GIT_OPTIONAL_LOCKS: '0' } });
    return result.exitCode === 0 && typeof result.stdout === 'string' ? result.stdout.trim() : null;
  } catch {
    return null;
  }
}

export async function gitInfo(projectDir: string): Promise<GitInfo | null> {
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
