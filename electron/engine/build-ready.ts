/**
 * What a build from an analysis makes that depends on the analysis alone, made ahead: the bytes of
 * the report and of the generated files (output/prepared-bytes.ts), the plan's stats by path
 * (output/reuse.ts), and the JSON of the file lists that the ownership record, the journal and
 * the history entry carry (record-json.ts). The live project calls this for its current analysis
 * once the process is idle, so that the app's build after a change starts with them; a build that
 * starts first makes them itself, through the same memos.
 */
import { contentBytes, reportBytes } from './output/prepared-bytes.js';
import { plannedStamps } from './output/reuse.js';
import { ownedFilesOf } from './output/owner.js';
import { arrayJson } from './record-json.js';
import { fileRows } from './history/entry.js';
import type { Analysis } from './types.js';

export function prepareBuild(analysis: Analysis): void {
  reportBytes(analysis.report);
  for (const file of analysis.layout.files) contentBytes(file);
  plannedStamps(analysis.plan);
  const owned = ownedFilesOf(analysis.layout);
  arrayJson(owned.files);
  arrayJson(owned.resFiles);
  arrayJson(fileRows(analysis.report));
}
