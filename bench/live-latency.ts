/**
 * P3: from a write on disk to the engine's updated report event, watcher included. Each sample
 * appends to one asset (a single write system call, as an editor saving a file in place does), and
 * waits for the first analysis whose inventory shows the new size.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLiveProject } from '../electron/engine/live/index.js';
import { ms, type Figure } from './figure.js';
import { median, percentile } from './measure.js';

const PROBE = 'assets/live-probe.bin';
/** A sample that sees no event for this long counts as lost (and as this long in the figures). */
const LOST_AFTER_MS = 3000;
const SETTLE_MS = 60;

export async function liveLatency(dir: string, name: string, samples: number): Promise<Figure> {
  const target = join(dir, PROBE);
  await writeFile(target, Buffer.alloc(1000));
  let pending: { size: number; start: number; resolve: (ms: number) => void } | null = null;
  let errors = 0;
  const live = await createLiveProject(dir, {
    onChange: (analysis) => {
      const file = analysis.inventory.files.get(PROBE);
      if (pending && file && file.size >= pending.size) {
        const done = pending;
        pending = null;
        done.resolve(performance.now() - done.start);
      }
    },
    onError: () => void (errors += 1),
  });
  const latencies: number[] = [];
  let lost = 0;
  let size = 1000;
  try {
    for (let i = 0; i < samples; i++) {
      size += 100;
      const latency = await new Promise<number>((resolve) => {
        const timer = setTimeout(() => {
          pending = null;
          lost += 1;
          resolve(LOST_AFTER_MS);
        }, LOST_AFTER_MS);
        pending = { size, start: performance.now(), resolve: (value) => (clearTimeout(timer), resolve(value)) };
        void appendFile(target, Buffer.alloc(100, i));
      });
      latencies.push(latency);
      // Let the watcher's batch for this write close before the next one.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
  } finally {
    await live.close();
  }
  const med = median(latencies);
  const p95 = percentile(latencies, 95);
  return {
    id: 'P3',
    label: `live report latency (${name})`,
    target: '≤ 100 ms median and p95',
    measured: `median ${ms(med)}, p95 ${ms(p95)}${lost ? `, ${lost} lost` : ''}`,
    ratio: `${(Math.max(med, p95) / 100).toFixed(2)}× of budget`,
    pass: med <= 100 && p95 <= 100 && lost === 0,
    raw: { medianMs: med, p95Ms: p95, samples, lost, errors },
  };
}
