import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, type Workspace } from '../engine/studio/test-helpers.js';
import { runServe } from './serve.js';

let work: Workspace;
beforeEach(async () => {
  work = await makeWorkspace();
});
afterEach(async () => {
  await work.dispose();
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('minigame-studio serve', () => {
  it('prints the URL with its token as the first line on stdout, serves it, and stops when asked', async () => {
    const stdout = capture();
    const stderr = capture();
    const controller = new AbortController();
    const running = runServe({ dir: work.project, port: 0, userDataDir: work.userData, rendererDir: work.root, signal: controller.signal }, { stdout: stdout.stream, stderr: stderr.stream });
    await expect.poll(() => stdout.text().includes('\n')).toBe(true);
    const firstLine = stdout.text().split('\n')[0]!;
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(stderr.text()).toContain(work.project);

    const url = new URL(firstLine);
    expect((await fetch(`${url.origin}/`)).status).toBe(403);
    // The page needs the token; this renderer folder has no index.html, so the server says how to build it.
    const page = await fetch(firstLine);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:web');

    controller.abort();
    expect(await running).toBe(0);
    await expect(fetch(firstLine)).rejects.toThrow();
  });

  it('exits with an error that names a missing folder', async () => {
    const stdout = capture();
    const stderr = capture();
    const missing = `${work.root}/no-such-game`;
    const code = await runServe({ dir: missing, port: 0, userDataDir: work.userData }, { stdout: stdout.stream, stderr: stderr.stream });
    expect(code).toBe(1);
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toContain(missing);
  });
});
