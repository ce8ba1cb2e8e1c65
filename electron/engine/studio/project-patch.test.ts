import { describe, expect, it } from 'vitest';
import { mergeProjectFile, remoteUrlProblem, validatePatch } from './project-patch.js';
import { foldersOf } from './project-state.js';

describe('project patches', () => {
  it('merges the per-platform objects one level deep and replaces everything else', () => {
    const current = { wechat: { appid: 'wx0123456789abcdef', libVersion: '3.0.0' }, exclude: ['a/**'], custom: 1 };
    expect(mergeProjectFile(current, { wechat: { appid: 'touristappid' }, exclude: ['b/**'] })).toEqual({
      wechat: { appid: 'touristappid', libVersion: '3.0.0' },
      exclude: ['b/**'],
      custom: 1,
    });
  });

  it('accepts an empty or absolute http(s) Remote URL only', () => {
    expect(remoteUrlProblem('')).toBeNull();
    expect(remoteUrlProblem('https://cdn.example.com/game/')).toBeNull();
    expect(remoteUrlProblem('http://192.168.1.5:8080/')).toBeNull();
    expect(remoteUrlProblem('cdn.example.com/game/')).toContain('not an absolute URL');
    expect(remoteUrlProblem('file:///tmp/res/')).toContain('file:');
    expect(remoteUrlProblem('https://me:secret@cdn.example.com/')).toContain('password');
  });

  it('trims the Remote URL before saving, and names the field of a wrong type', () => {
    expect(validatePatch({}, { remoteUrl: '  https://cdn.example.com/  ' }).remoteUrl).toBe('https://cdn.example.com/');
    expect(() => validatePatch({}, { orientation: 'sideways' as never })).toThrow(expect.objectContaining({ code: 'PROJECT_FILE_INVALID', options: expect.objectContaining({ field: 'orientation' }) }));
  });

  it('lists every folder that holds a file, nested ones included, as subpackage roots', () => {
    expect(foldersOf(['game.js', 'stage1/game.js', 'stage1/levels/a.json', 'images/x.png'])).toEqual(['images/', 'stage1/', 'stage1/levels/']);
  });
});
