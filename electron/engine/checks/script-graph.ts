/**
 * The script graph: for every script that ships (and, when asked, every data file such as JSON),
 * what it requires and which files it names, resolved to files of the game. Made once per plan
 * from the script cache (checks/script-refs.ts: read and parsed once per path + size + mtime), and
 * shared: the static script checks walk its edges, the fit planner (engine/fit/) follows it from
 * each package's entry.
 */
import { join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { lastExtension } from '../../../shared/platforms.js';
import { createLimiter } from '../limit.js';
import type { PlannedFile, ProjectSettings } from '../types.js';
import { resolveRef } from './resolve-ref.js';
import type { ScriptCache, ScriptRefs } from './script-refs.js';

const READ_CONCURRENCY = 16;
/** Text files read synchronously between two turns of the event loop. */
const TEXT_SLICE = 64;

/** Files besides scripts whose text can name other files (Cocos settings, atlases, bitmap fonts, …). */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set(['json', 'atlas', 'plist', 'fnt', 'txt', 'xml', 'csv', 'html', 'skel', 'tmx', 'tsx']);

export interface GraphEdge {
  /** As written in the source ('./lib/a', 'images/bg.png'). */
  readonly spec: string;
  readonly how: 'require' | 'literal';
  /** The game file it resolves to. */
  readonly to: string;
}

export interface GraphNode {
  readonly path: string;
  /** The file's stamp when it was read: a node is reused only for the same one. */
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino?: number;
  readonly isScript: boolean;
  /** Null when the file could not be read. */
  readonly refs: ScriptRefs | null;
  /** The references that resolve to a file of the game (itself excluded), in source order. */
  readonly edges: readonly GraphEdge[];
}

export interface ScriptGraph {
  /** By path: every shipped script, and with `withText` every text file that is not excluded. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Whether the text files were read too. */
  readonly withText: boolean;
}

export interface GraphInput {
  readonly settings: Pick<ProjectSettings, 'sourceDir'>;
  readonly files: readonly PlannedFile[];
  readonly byPath: ReadonlyMap<string, PlannedFile>;
  readonly scripts: ScriptCache;
}

export function isTextFile(path: string): boolean {
  return TEXT_EXTENSIONS.has(lastExtension(path));
}

/**
 * The graph of the shipped scripts; with `withText`, also of the text files that ship (package or
 * remote). `reuse` hands over an earlier graph: its node of a file with the same stamp is kept
 * (its edges too: they depend on which paths exist, so give only a graph of the same file list).
 */
export async function buildScriptGraph(input: GraphInput, options: { withText?: boolean; reuse?: ScriptGraph } = {}): Promise<ScriptGraph> {
  const { settings, files, byPath, scripts } = input;
  const wanted = files.filter(
    (file) => (file.isScript && file.destination === 'package') || (options.withText === true && !file.isScript && file.destination !== 'excluded' && isTextFile(file.path)),
  );
  const limit = createLimiter(READ_CONCURRENCY);
  const exists = (path: string): boolean => byPath.has(path);
  const nodes = new Map<string, GraphNode>();
  const nodeOf = (file: PlannedFile, refs: ScriptRefs | null): GraphNode => ({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, ino: file.ino, isScript: file.isScript, refs, edges: refs ? edgesOf(file, refs, exists) : [] });
  // Text files (the planner's thousands of small JSON and atlas files) are read synchronously, a
  // slice at a time with the event loop free between slices; scripts, a few at a time.
  let readNow = 0;
  const made = new Array<GraphNode>(wanted.length);
  const kept = (file: PlannedFile): GraphNode | undefined => {
    const node = options.reuse?.nodes.get(file.path);
    return node && node.size === file.size && node.mtimeMs === file.mtimeMs && node.ino === file.ino ? node : undefined;
  };
  for (let i = 0; i < wanted.length; i++) {
    const file = wanted[i] as PlannedFile;
    if (file.isScript) continue;
    const abs = join(settings.sourceDir, file.path);
    const cached = scripts.peek(abs, file);
    if (cached === undefined && ++readNow % TEXT_SLICE === 0) await yieldToLoop();
    made[i] = kept(file) ?? nodeOf(file, cached !== undefined ? cached : scripts.refsNow(abs, file));
  }
  await Promise.all(
    wanted.map(async (file, i) => {
      if (!file.isScript) return;
      const abs = join(settings.sourceDir, file.path);
      // Unchanged files come straight from the cache; only changed ones are read, a few at a time.
      const cached = scripts.peek(abs, file);
      made[i] = kept(file) ?? nodeOf(file, cached !== undefined ? cached : await limit(() => scripts.refs(abs, file)));
    }),
  );
  for (const node of made) nodes.set(node.path, node);
  return { nodes, withText: options.withText === true };
}

function edgesOf(file: PlannedFile, refs: ScriptRefs, exists: (path: string) => boolean): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const visit = (spec: string, how: 'require' | 'literal'): void => {
    // A text file has no require; its strings are names.
    const to = resolveRef(spec, file.path, exists, file.isScript ? how : 'literal');
    if (to && to !== file.path) edges.push({ spec, how: file.isScript ? how : 'literal', to });
  };
  for (const spec of refs.requires) visit(spec, 'require');
  for (const spec of refs.literals) visit(spec, 'literal');
  return edges;
}

export interface Reach {
  /** Every file reached from the entries: scripts by require, files by name. */
  readonly files: ReadonlySet<string>;
  /** Scripts reached that require something by a computed name. */
  readonly dynamic: readonly { readonly path: string; readonly calls: readonly string[] }[];
}

/**
 * What the entries reach: scripts by their requires, every file by the names a reached script or
 * text file gives. `stay` keeps the walk inside some files (a package's root); a file it refuses
 * is still listed as reached but not followed.
 */
export function reachFrom(graph: ScriptGraph, entries: readonly string[], stay: (path: string) => boolean = () => true): Reach {
  const files = new Set<string>();
  const dynamic: { path: string; calls: readonly string[] }[] = [];
  const queue: string[] = [];
  const push = (path: string): void => {
    if (files.has(path)) return;
    files.add(path);
    if (stay(path)) queue.push(path);
  };
  for (const entry of entries) if (graph.nodes.has(entry)) push(entry);
  while (queue.length > 0) {
    const node = graph.nodes.get(queue.pop() as string);
    if (!node) continue;
    if (node.refs && node.refs.dynamic.length > 0) dynamic.push({ path: node.path, calls: node.refs.dynamic });
    for (const edge of node.edges) push(edge.to);
  }
  dynamic.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, dynamic };
}
