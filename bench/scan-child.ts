/** Scans one folder in a process of its own, so its peak RSS is the engine's alone. Prints JSON. */
import { scan } from '../electron/engine/scan.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: scan-child.ts DIR');
// What the process holds before the scan (Node + tsx + the engine's modules).
const baselineRssBytes = process.memoryUsage().rss;
const start = performance.now();
const inventory = await scan(dir);
const ms = performance.now() - start;
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ ms, files: inventory.files.size, peakRssBytes, baselineRssBytes }));
