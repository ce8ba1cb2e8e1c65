/**
 * The copies made while the layout hashes (stage.ts) are handed to the writer one by one: a copy
 * the writer asks for before it is made is handed over when it is made, and a copy that will not
 * be made (not staged, failed, cancelled) is left to the writer, so a build never waits forever.
 */
import { copyFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planFor, settingsFor, tempDir, writeTree } from './plan-fixture.js';
import { startStaging } from './stage.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const FILES = { 'game.js': 'main', 'game.json': '{}', 'images/a.png': 'picture a', 'images/b.png': 'picture b' };

async function game(): Promise<{ dir: string; temp: string }> {
  const dir = await tempDir('mgs-stage-');
  dirs.push(dir);
  await writeTree(dir, FILES);
  const temp = join(dir, 'build', 'tmp');
  await writeTree(temp, { '.keep': '' });
  return { dir, temp };
}

/** A copy that waits until the test lets it go. */
function heldCopy(): { copy: (src: string, dest: string, mode: number) => Promise<void>; release: () => void; started: Promise<void> } {
  let release = (): void => undefined;
  let started = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = new Promise<void>((resolve) => (started = resolve));
  return {
    copy: async (src, dest, mode) => {
      started();
      await gate;
      await copyFile(src, dest, mode);
    },
    release,
    started: first,
  };
}

describe('startStaging', () => {
  it('hands over a copy asked for before it is made once it is made, and only once', async () => {
    const { dir, temp } = await game();
    const plan = await planFor(settingsFor(dir), Object.keys(FILES));
    const held = heldCopy();
    const stager = startStaging(plan, temp, [], held.copy);
    await held.started;
    const asked = stager.take('images/a.png');
    held.release();
    const staged = await asked;
    expect(staged).toBeDefined();
    expect(await readFile(staged!.path, 'utf8')).toBe('picture a');
    expect(await stager.take('images/a.png')).toBeUndefined();
    await stager.done;
    expect(await readFile((await stager.take('images/b.png'))!.path, 'utf8')).toBe('picture b');
  });

  it('leaves to the writer what it does not copy (generated files), a copy that failed and every copy a cancel stopped', async () => {
    const { dir, temp } = await game();
    const plan = await planFor(settingsFor(dir), Object.keys(FILES));
    const failing = startStaging(plan, temp, [], async (src) => {
      if (src.endsWith('a.png')) throw Object.assign(new Error('EIO'), { code: 'EIO' });
      throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    });
    expect(await failing.take('game.json')).toBeUndefined();
    expect(await failing.take('images/a.png')).toBeUndefined();
    expect(await failing.take('images/b.png')).toBeUndefined();

    // Cancelled before its copies start: none is made, and none is waited for.
    const controller = new AbortController();
    controller.abort();
    let copies = 0;
    const cancelled = startStaging(plan, join(dir, 'build'), [], async () => void copies++, controller.signal);
    expect(await Promise.all(['images/a.png', 'images/b.png'].map((source) => cancelled.take(source)))).toEqual([undefined, undefined]);
    expect(copies).toBe(0);
    await cancelled.done;
  });
});
