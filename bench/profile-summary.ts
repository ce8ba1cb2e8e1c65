/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) the way docs/benchmarks.md shows it: wall time,
 * self time by kind (garbage collection, module loading and compiling, idle = waiting for the
 * disk, the thread pool or a child), and the functions with the most self time.
 *
 *   npx tsx bench/profile-summary.ts PROFILE.cpuprofile... [TOP]
 *
 * Several profiles (Node writes one per thread: main, then each worker) are summarised one after another.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

const args = process.argv.slice(2);
const topArg = args.length > 1 && /^\d+$/.test(args[args.length - 1] as string) ? (args.pop() as string) : undefined;
if (args.length === 0) throw new Error('usage: profile-summary.ts PROFILE.cpuprofile... [TOP]');
for (const file of args) summarise(file, Number(topArg ?? 15));

function summarise(file: string, top: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + ((profile.timeDeltas[i + 1] ?? 0) as number));
  }

  /** Whether a node runs under module loading (a module's top level, the ESM loader, compiling). */
  function loading(id: number): boolean {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      if (frame.url.startsWith('node:internal/modules')) return true;
    }
    return false;
  }

  const kinds = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const name = frame.functionName || '(anonymous)';
    const kind =
      name === '(garbage collector)' ? 'gc' : name === '(idle)' ? 'idle' : name === '(program)' ? 'program (V8, native)' : loading(id) ? 'module loading' : 'JavaScript and fs calls';
    kinds.set(kind, (kinds.get(kind) ?? 0) + us);
    const where = frame.url ? `${basename(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
  }

  const msOf = (us: number): string => `${(us / 1000).toFixed(0)} ms`;
  console.log(`${basename(file)}: ${msOf(profile.endTime - profile.startTime)} profiled`);
  for (const [kind, us] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(26)} ${msOf(us)}`);
  console.log('  top self time:');
  for (const [key, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${msOf(us).padStart(7)}  ${key}`);
}
