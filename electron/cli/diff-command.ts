/** `diff`: two builds compared, printed as text, Markdown (a PR comment) or JSON; --fail-on-growth gates CI. */
import { EXIT } from '../../shared/problems.js';
import { diffToMarkdown, diffToText, signed } from '../engine/history/diff-format.js';
import { largestPackageGrowth } from '../engine/history/diff.js';
import { diffRequest } from '../engine/history/resolve.js';
import { formatBytes } from './format.js';
import type { Command, Io } from './args.js';
import { reportFailure } from './errors.js';

export async function runDiff(command: Command, io: Io): Promise<number> {
  const format = command.format ?? 'text';
  const [before, after] = command.refs ?? [];
  try {
    const { diff, skipped } = await diffRequest({ dir: command.dir ?? io.cwd, platform: command.platform, before, after, cwd: io.cwd });
    for (const path of new Set(skipped.map((s) => s.message))) io.stderr.write(`warning: ${path}\n`);
    io.stdout.write(format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : format === 'markdown' ? diffToMarkdown(diff) : diffToText(diff));
    if (command.failOnGrowth !== undefined) {
      const growth = largestPackageGrowth(diff);
      if (growth.delta > command.failOnGrowth) {
        io.stderr.write(`error: package "${growth.name}" grew by ${signed(growth.delta)}, more than --fail-on-growth ${formatBytes(command.failOnGrowth)}.\n`);
        return EXIT.builtWithErrors;
      }
    }
    return EXIT.ok;
  } catch (error) {
    return reportFailure(error, io, format === 'json');
  }
}
