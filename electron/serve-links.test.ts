/**
 * `minigame-studio serve` as a user runs it, on a game folder full of symlinks to files outside
 * it: the server opens the project, keeps running and keeps following changes.
 */
import { execa } from 'execa';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ProjectState, RpcEvent, RpcResponse } from '../shared/api.js';
import { linkOutsideFiles, makeWorkspace, type Workspace } from './engine/studio/test-helpers.js';

const BIN = fileURLToPath(new URL('../bin/minigame-studio.mjs', import.meta.url));

let work: Workspace;
beforeEach(async () => {
  work = await makeWorkspace();
});
afterEach(async () => {
  await work.dispose();
});

/** Resolves with the first line the child prints on stdout. */
function firstLine(child: ReturnType<typeof execa>): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    void child.then(
      (result) => reject(new Error(`serve exited with ${result.exitCode} before printing its URL:\n${result.stderr}`)),
      reject,
    );
  });
}

describe('minigame-studio serve on a folder with symlinks to outside files', () => {
  it('opens the project and stays up, following changes', async () => {
    await linkOutsideFiles(work, 60);
    const child = execa('node', [BIN, 'serve', work.project, '--port', '0'], {
      reject: false,
      env: { FORCE_COLOR: '0', MINIGAME_STUDIO_USER_DATA: work.userData },
    });
    try {
      const url = new URL(await firstLine(child));
      const ws = new WebSocket(`ws://${url.host}/rpc?token=${url.searchParams.get('token')}`, { origin: url.origin });
      const messages: (RpcResponse | RpcEvent)[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data)) as RpcResponse | RpcEvent));
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.send(JSON.stringify({ id: 1, method: 'getProject', params: {} }));
      await expect.poll(() => messages.find((m) => 'id' in m && m.id === 1), { timeout: 30_000 }).toBeTruthy();
      const answer = messages.find((m) => 'id' in m && m.id === 1) as RpcResponse & { result: ProjectState };
      expect(answer).toMatchObject({ ok: true, result: { dir: work.project, error: null } });

      await writeFile(join(work.project, 'after-open.png'), 'x');
      const sawChange = () =>
        messages.some((m) => 'event' in m && m.event === 'project:changed' && (m.payload as ProjectState).tree.some((f) => f.path === 'after-open.png'));
      await expect.poll(sawChange, { timeout: 30_000 }).toBe(true);
      ws.close();
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  });
});
