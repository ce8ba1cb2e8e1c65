/**
 * An update from the app that the engine would reject is refused before anything is written:
 * minigame-studio.json stays byte-identical, and the error names the field.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_FILE_NAME } from '../../../shared/project-file.js';
import { type Studio } from './create-studio.js';
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

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('updates the engine rejects', () => {
  it('are never saved: a 65,536-character pattern, JSON nested 10,000 deep in gameJson', async () => {
    await studio.openProject({ dir: work.project });
    await studio.updateProject({ patch: { md5Cache: true } });
    const path = join(work.project, PROJECT_FILE_NAME);
    const before = await readFile(path, 'utf8');

    const cases = [
      { patch: { exclude: ['docs/**', 'a'.repeat(65_536)] }, field: 'exclude[1]' },
      { patch: { keepInPackage: [`${'*'.repeat(70_000)}.png`] }, field: 'keepInPackage[0]' },
      { patch: { gameJson: { deep: nested(10_000) } }, field: 'gameJson' },
    ];
    for (const { patch, field } of cases) {
      const error: unknown = await studio.updateProject({ patch }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, field).toMatchObject({ code: 'PROJECT_FILE_INVALID', options: { field } });
      expect((error as Error).message).toContain(PROJECT_FILE_NAME);
      expect((error as Error).message).not.toMatch(/\n\s+at /);
    }
    expect(await readFile(path, 'utf8')).toBe(before);
    expect((await studio.getProject({})).effective.md5Cache).toBe(true);
  });
});
