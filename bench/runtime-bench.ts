/**
 * P5: the real runtime in a vm over the simulated platform the runtime's tests use, downloading
 * from a loopback server that counts requests.
 */
import { createScenario, type FixtureFile } from '../resources/runtime/test-support/index.js';

export interface RuntimeFigures {
  readonly files: number;
  readonly repeatRequests: number;
  readonly concurrentRequests: number;
  readonly filesPerSecond: number;
  readonly seconds: number;
}

export async function measureRuntime(fileCount: number): Promise<RuntimeFigures> {
  const files: Record<string, FixtureFile> = {};
  for (let i = 0; i < fileCount; i++) files[`assets/small${i}.png`] = { body: Buffer.alloc(2048, i % 251) };
  files['assets/shared.png'] = { body: Buffer.alloc(64 * 1024, 7) };
  const scenario = await createScenario({ kind: 'wx', files, md5Names: true });
  try {
    const { studio } = scenario.launch({ config: { retryDelayMs: 5, indexDelayMs: 20 } });
    const paths = Object.keys(files).filter((p) => p !== 'assets/shared.png');

    const start = performance.now();
    await Promise.all(paths.map((p) => studio.load(p)));
    const seconds = (performance.now() - start) / 1000;
    await studio.flush();

    const before = scenario.server.requests();
    await Promise.all(paths.map((p) => studio.load(p)));
    const repeatRequests = scenario.server.requests() - before;

    await Promise.all(Array.from({ length: 30 }, () => studio.load('assets/shared.png')));
    // The server counts by the path it serves: the hashed output name.
    const sharedOut = scenario.manifest.files['assets/shared.png']?.out ?? '';
    const concurrentRequests = scenario.server.requests(sharedOut);
    await studio.flush();
    return { files: paths.length, repeatRequests, concurrentRequests, filesPerSecond: paths.length / seconds, seconds };
  } finally {
    await scenario.dispose();
  }
}
