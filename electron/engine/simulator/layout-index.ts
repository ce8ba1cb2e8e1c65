/**
 * The build index from what the build already knows, for the app's session after each (re)build:
 * the layout lists every file written into OUT with its bytes, and holds the generated game.json
 * and project.config.json as text; the Remote URL is the settings'; the report is the one written beside OUT. Nothing is
 * walked, stat'ed or parsed from disk (on 10,000 files that was most of a reload's time). The
 * bytes served are still read from OUT at each request, so they are the build's own.
 *
 * Files added to OUT by hand (kept by a rebuild: docs/WHAT-THE-STUDIO-WRITES.md) are not the
 * build's, so this index does not serve them; `simulate` walks OUT (build-index.ts) and does.
 */
import type { Analysis } from '../types.js';
import type { OutputFile } from '../types.js';
import { assembleIndex, notBuilt, type BuildIndex, type GameJson, type ProjectConfigJson } from './build-index.js';

function text(file: OutputFile | undefined): string | null {
  if (!file || file.content === null) return null;
  return typeof file.content === 'string' ? file.content : Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength).toString('utf8');
}

function json<T>(file: OutputFile | undefined): T | null {
  const source = text(file);
  if (source === null) return null;
  try {
    return JSON.parse(source) as T;
  } catch {
    return null;
  }
}

/** The index of the OUT a build of `analysis` wrote (the outcome's analysis: its layout and report). */
export function indexLayout({ settings, layout, report }: Analysis): BuildIndex {
  const packaged = layout.files.filter((file) => !file.remote);
  const byOut = new Map(packaged.map((file) => [file.out, file]));
  const gameJson = json<GameJson>(byOut.get('game.json'));
  if (gameJson === null) throw notBuilt(settings.outDir);
  return assembleIndex(settings.outDir, settings.platform, {
    gameJson,
    listed: packaged.map((file) => ({ path: file.out, bytes: file.bytes })),
    report,
    // As the manifest writes it (output/manifest.ts), without parsing its entry for every file.
    remoteUrl: settings.remoteUrl && !settings.remoteUrl.endsWith('/') ? `${settings.remoteUrl}/` : settings.remoteUrl,
    projectConfig: json<ProjectConfigJson>(byOut.get('project.config.json')),
  });
}
