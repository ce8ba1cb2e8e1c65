/** FILE_NOT_WHITELISTED (one warning per file) and FILE_UNREADABLE (one per path the scan couldn't read). */
import { lastExtension } from '../../../shared/platforms.js';
import type { Problem } from '../../../shared/problems.js';
import { problem, type CheckContext } from './context.js';

export function checkWhitelist({ settings, files }: CheckContext): Problem[] {
  const list = settings.platform === 'wechat' ? 'the WeChat upload whitelist' : 'the upload whitelist (Alipay publishes none; the studio uses WeChat’s)';
  return files
    .filter((file) => file.excludedReason === 'not-whitelisted')
    .map((file) => {
      const ext = lastExtension(file.path);
      const kind = ext ? `.${ext} files are` : 'Files without an extension are';
      return problem(
        'warning',
        'FILE_NOT_WHITELISTED',
        `${file.path}: ${kind} not on ${list}, so it is left out of the package. Convert it to a supported type if the game needs it, or add it to "exclude" to silence this.`,
        file.path,
      );
    });
}

/**
 * A file the studio may not read would be missing from the package, so nothing is built until it
 * is fixed; a link loop, dangling link or device is only stepped over, with a warning.
 */
export function checkUnreadable({ inventory }: CheckContext): Problem[] {
  return inventory.unreadable.map((entry) =>
    entry.kind === 'unreadable'
      ? problem(
          'error',
          'FILE_UNREADABLE',
          `${entry.path} can't be read (${entry.message}), so nothing was built: the package would ship without it. Fix its permissions, or remove it or add it to "exclude".`,
          entry.path,
        )
      : problem(
          'warning',
          'FILE_UNREADABLE',
          `${entry.path} was skipped (${entry.message}). Fix or remove the link if the game needs what it points at.`,
          entry.path,
        ),
  );
}
