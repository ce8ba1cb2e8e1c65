/** Build progress on stderr, on one rewritten line, only when stderr is a terminal. */
import type { BuildProgressInfo } from '../engine/types.js';
import type { Io } from './args.js';
import { formatBytes } from './format.js';

export function progressPrinter(io: Io): ((progress: BuildProgressInfo) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  return (progress) => {
    if (progress.phase === 'done') {
      io.stderr.write('\r\x1b[K');
      return;
    }
    io.stderr.write(
      `\r\x1b[K${progress.phase === 'hash' ? 'Hashing' : progress.phase === 'optimize' ? 'Compressing' : 'Writing'} ${progress.files}/${progress.totalFiles} files, ${formatBytes(progress.bytes)} / ${formatBytes(progress.totalBytes)}`,
    );
  };
}
