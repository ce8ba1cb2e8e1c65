/**
 * The bytes of what a build generates rather than copies, made once per object: OUT.report.json
 * (the report as JSON indented by two spaces, and a newline) and each generated file of the layout
 * (the manifest, game.json, …). For a 5,000-file project the report is ~900 KB and the manifest
 * ~400 KB; turning them into UTF-8 cost ~15 ms of a rebuild's main thread. Reports and layouts are
 * never changed once made, so the live project makes these bytes for its current analysis before
 * a build is asked for (build-ready.ts), and the build only writes them.
 */
import type { Report } from '../../../shared/report.js';
import type { OutputFile } from '../types.js';

const ofReport = new WeakMap<Report, Buffer>();
const ofFile = new WeakMap<OutputFile, Uint8Array>();

export function reportBytes(report: Report): Buffer {
  let bytes = ofReport.get(report);
  if (!bytes) {
    bytes = Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
    ofReport.set(report, bytes);
  }
  return bytes;
}

/** A generated file's bytes; null for a file copied from its source. */
export function contentBytes(file: OutputFile): Uint8Array | null {
  if (typeof file.content !== 'string') return file.content;
  let bytes = ofFile.get(file);
  if (!bytes) {
    bytes = Buffer.from(file.content);
    ofFile.set(file, bytes);
  }
  return bytes;
}
