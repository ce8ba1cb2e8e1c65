import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../shared/problems.js';
import { asFolderRoot, folderName } from './drag.js';
import { formatBytes } from './format.js';
import { settingFor, subpackageIndexFor } from './problem-targets.js';
import { levelOf } from './report/package-bar.js';
import { uniqueName } from './subpackages/subpackage-editor.js';
import { buildTree } from './tree/tree-model.js';

const problem = (code: Problem['code'], extra: Partial<Problem> = {}): Problem => ({ severity: 'error', code, message: 'm', path: null, ...extra });

describe('project tree model', () => {
  it('nests files under folders with each folder’s total and its one package', () => {
    const root = buildTree([
      { path: 'game.js', bytes: 10, package: '__GAME__', status: 'package' },
      { path: 'stage1/game.js', bytes: 5, package: 'stage1', status: 'package' },
      { path: 'stage1/bg.png', bytes: 7, package: 'stage1', status: 'package' },
      { path: 'mixed/a.png', bytes: 1, package: '__GAME__', status: 'package' },
      { path: 'mixed/b/c.png', bytes: 2, package: 'other', status: 'package' },
    ]);
    expect(root.bytes).toBe(25);
    const stage1 = root.children.find((n) => n.path === 'stage1/');
    expect(stage1).toMatchObject({ kind: 'folder', bytes: 12, package: 'stage1' });
    expect(root.children.find((n) => n.path === 'mixed/')).toMatchObject({ package: null, bytes: 3 });
    // Folders first, then files.
    expect(root.children.map((n) => n.path)).toEqual(['mixed/', 'stage1/', 'game.js']);
  });
});

describe('where a problem points', () => {
  it('uses the engine’s field first, then the code', () => {
    expect(settingFor(problem('REMOTE_URL_INVALID'))).toBe('remoteUrl');
    expect(settingFor(problem('ENTRY_MISSING'))).toBeNull();
    expect(settingFor(problem('PROJECT_FILE_INVALID', { field: 'wechat.appid' }))).toBe('appid');
    expect(settingFor(problem('PROJECT_FILE_INVALID', { field: 'subpackages[1].root' }))).toBe('subpackages');
  });

  it('finds the subpackage a problem is about', () => {
    const subs = [
      { name: 'stage1', root: 'stage1/' },
      { name: 'stage2', root: 'stage2/' },
    ];
    expect(subpackageIndexFor(problem('SUBPACKAGE_ROOT_MISSING', { field: 'subpackages[1].root' }), subs)).toBe(1);
    expect(subpackageIndexFor(problem('SUBPACKAGE_ENTRY_MISSING', { path: 'stage2/game.js' }), subs)).toBe(1);
    expect(subpackageIndexFor(problem('MAIN_PACKAGE_TOO_LARGE'), subs)).toBeNull();
  });
});

describe('small helpers', () => {
  it('names a dropped folder and makes it a root', () => {
    expect(folderName('levels/forest/')).toBe('forest');
    expect(asFolderRoot('stage1')).toBe('stage1/');
    expect(uniqueName('stage1', ['stage1', 'stage1-2'])).toBe('stage1-3');
  });

  it('colours a bar by its share of the limit', () => {
    expect(levelOf(94, 100)).toBe('ok');
    expect(levelOf(95, 100)).toBe('warning');
    expect(levelOf(100, 100)).toBe('warning');
    expect(levelOf(101, 100)).toBe('error');
    expect(levelOf(5_000_000, null)).toBe('ok');
  });

  it('writes sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(5 * 1_048_576)).toBe('5.00 MiB');
    expect(formatBytes(1536)).toBe('1.50 KiB');
  });
});
