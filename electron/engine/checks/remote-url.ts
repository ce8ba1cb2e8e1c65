/** The Remote URL (REMOTE_SERVER_ROOT): an absolute http(s) URL; http works but gets a warning. */
import type { Problem } from '../../../shared/problems.js';
import { problem, type CheckContext } from './context.js';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A Remote URL the build can use: non-empty, absolute, http or https, with a host. */
export function isUsableRemoteUrl(url: string): boolean {
  const parsed = url ? parse(url) : null;
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.host !== '';
}

export function checkRemoteUrl({ settings }: CheckContext): Problem[] {
  const url = settings.remoteUrl;
  if (!url) return [];
  if (!isUsableRemoteUrl(url)) {
    return [
      problem(
        'error',
        'REMOTE_URL_INVALID',
        `The Remote URL "${url}" is not an absolute http(s) URL. Write it in full (e.g. https://cdn.example.com/my-game/), or clear it to keep every file in the package.`,
        null,
        'remoteUrl',
      ),
    ];
  }
  if (parse(url)?.protocol === 'http:') {
    return [
      problem(
        'warning',
        'REMOTE_URL_NOT_HTTPS',
        `The Remote URL "${url}" uses http: phones download only over https, so use it only with a local test server. Switch to https:// before you publish.`,
        null,
        'remoteUrl',
      ),
    ];
  }
  return [];
}
