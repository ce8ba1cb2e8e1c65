/** The StudioApi's history calls over real builds of the sample game, through dispatch as both transports call them. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildDiff, HistoryState } from '../../../shared/history.js';
import { type Studio } from './create-studio.js';
import { dispatch } from './dispatch.js';
import { eventRecorder, makeWorkspace, type Workspace, studioFor } from './test-helpers.js';

let work: Workspace;
let studio: Studio;
let events: ReturnType<typeof eventRecorder>;

beforeEach(async () => {
  work = await makeWorkspace();
  events = eventRecorder();
  studio = studioFor(work, { emit: events.emit });
});
afterEach(async () => {
  await studio.close();
  await work.dispose();
});

async function build(): Promise<void> {
  const done = events.next('build:done');
  await studio.startBuild({});
  expect(await done).toMatchObject({ status: 'built' });
}

describe('getHistory and diffHistory', () => {
  it('list the builds of the open platform and diff two of them', async () => {
    await studio.openProject({ dir: work.project });
    expect(((await dispatch(studio, 'getHistory', {})) as HistoryState).points).toEqual([]);
    await build();
    await writeFile(join(work.project, 'images/added.png'), Buffer.alloc(10_000, 1));
    await build();

    const history = (await dispatch(studio, 'getHistory', {})) as HistoryState;
    expect(history.platform).toBe('wechat');
    expect(history.points).toHaveLength(2);
    const [first, second] = history.points;
    expect(second!.packages.find((p) => p.name === '__GAME__')!.bytes).toBeGreaterThan(first!.packages.find((p) => p.name === '__GAME__')!.bytes);

    const diff = (await dispatch(studio, 'diffHistory', { before: first!.id, after: second!.id })) as BuildDiff;
    expect(diff.files.added).toEqual([{ path: 'images/added.png', package: '__GAME__', before: null, after: 10_000, delta: 10_000 }]);
    expect((await dispatch(studio, 'diffHistory', { before: '@prev', after: '@latest' })) as BuildDiff).toEqual(
      expect.objectContaining({ files: diff.files }),
    );
  });

  it('refuse what is not a build of the history', async () => {
    await studio.openProject({ dir: work.project });
    await expect(dispatch(studio, 'diffHistory', { before: '/etc/passwd', after: '@latest' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(dispatch(studio, 'diffHistory', { before: '' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(dispatch(studio, 'diffHistory', { before: '@prev', after: '@latest' })).rejects.toMatchObject({
      code: 'DIFF_BUILD_NOT_FOUND',
      message: expect.stringContaining('No build of wechat in the history yet'),
    });
  });
});
