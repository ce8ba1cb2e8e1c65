/**
 * "optimize" from the app: saved through updateProject (a bad value refused naming the field, the
 * file untouched), the saving shown in the tree from the report, and previewImage's two images
 * with the engine's bytes, through dispatch as both transports call it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImagePreview } from '../../../shared/api.js';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import { type Studio } from './create-studio.js';
import { dispatch } from './dispatch.js';
import { makeWorkspace, type Workspace, studioFor } from './test-helpers.js';

let work: Workspace;
let studio: Studio;

beforeEach(async () => {
  work = await makeWorkspace();
  studio = studioFor(work);
});
afterEach(async () => {
  await studio.close();
  await work.dispose();
});

describe('optimize in the app', () => {
  it('saves the settings, shows the saving in the tree and previews an image with the bytes the build ships', async () => {
    await studio.openProject({ dir: work.project });
    const none = (await dispatch(studio, 'previewImage', { path: 'images/star.png' })) as ImagePreview;
    expect(none).toMatchObject({ mode: null, reason: 'the project does not set "optimize"' });
    expect(none.afterBytes).toBe(none.beforeBytes);

    const state = await studio.updateProject({ patch: { optimize: { png: 'palette' } } });
    expect(JSON.parse(await readFile(join(work.project, PROJECT_FILE_NAME), 'utf8'))).toMatchObject({ optimize: { png: 'palette' } });
    const star = state.tree.find((file) => file.path === 'images/star.png');
    const reported = state.report?.files.find((file) => file.path === 'images/star.png');
    expect(star?.image).toBe(true);
    expect(star?.optimized).toEqual({ bytes: reported?.bytes, savedBytes: reported?.optimized?.savedBytes, mode: 'png-palette' });
    expect(star?.optimized?.savedBytes).toBeGreaterThan(0);
    expect(state.tree.find((file) => file.path === 'game.js')?.image).toBeUndefined();

    const preview = (await dispatch(studio, 'previewImage', { path: 'images/star.png' })) as ImagePreview;
    expect(preview).toMatchObject({ path: 'images/star.png', mode: 'png-palette', reason: null, afterBytes: star?.optimized?.bytes });
    expect(preview.beforeBytes).toBe((await readFile(join(work.project, 'images/star.png'))).length);
    expect(Buffer.from(preview.before.replace(/^data:image\/png;base64,/, ''), 'base64').equals(await readFile(join(work.project, 'images/star.png')))).toBe(true);
    expect(Buffer.from(preview.after.replace(/^data:image\/png;base64,/, ''), 'base64')).toHaveLength(preview.afterBytes);
  });

  it('refuses a bad value naming the field, leaving minigame-studio.json as it was', async () => {
    await studio.openProject({ dir: work.project });
    await studio.updateProject({ patch: { optimize: { jpeg: 80 } } });
    const path = join(work.project, PROJECT_FILE_NAME);
    const before = await readFile(path, 'utf8');
    for (const [optimize, field] of [
      [{ jpeg: 0 }, 'optimize.jpeg'],
      [{ png: 'best' }, 'optimize.png'],
    ] as const) {
      const error: unknown = await dispatch(studio, 'updateProject', { patch: { optimize } }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, field).toMatchObject({ code: 'PROJECT_FILE_INVALID', options: { field } });
    }
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('previews only an image of the project', async () => {
    await studio.openProject({ dir: work.project });
    for (const [path, code] of [
      ['../outside.png', 'NOT_IN_PROJECT'],
      ['/etc/passwd', 'NOT_IN_PROJECT'],
      ['game.js', 'NOT_AN_IMAGE'],
    ] as const) {
      await expect(dispatch(studio, 'previewImage', { path })).rejects.toMatchObject({ code });
    }
  });
});
