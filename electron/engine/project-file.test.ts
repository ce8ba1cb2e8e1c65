import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isStudioError, type StudioError } from './errors.js';
import { loadProjectFile, saveProjectFile } from './project-file.js';
import { json, makeProject, removeProjects } from './test-support/make-project.js';

afterAll(removeProjects);

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isStudioError(error)) throw new Error(`expected a StudioError, got ${String(error)}`);
  return error;
}

describe('project file', () => {
  it('is null when the folder has none', async () => {
    const project = await makeProject({ 'game.js': '' });
    expect(await loadProjectFile(project.dir)).toBeNull();
  });

  it('names the field, the value and the file when a field has the wrong type', async () => {
    const project = await makeProject({ 'minigame-studio.json': json({ md5Cache: 'yes' }) });
    const error = await rejection(loadProjectFile(project.dir));
    expect(error.code).toBe('PROJECT_FILE_INVALID');
    expect(error.options.field).toBe('md5Cache');
    expect(error.message).toContain('minigame-studio.json: "md5Cache" must be true or false (got "yes")');
    expect(error.message).toContain(project.path('minigame-studio.json'));
  });

  it('names nested fields (subpackages[1].root) and enum values', async () => {
    const project = await makeProject({
      'minigame-studio.json': json({ orientation: 'sideways', subpackages: [{ name: 'a', root: 'a/' }, { name: 'b', root: 7 }] }),
    });
    const error = await rejection(loadProjectFile(project.dir));
    expect(error.message).toMatch(/"orientation" must be one of "portrait", "landscape"/);
    expect(error.message).toContain('"subpackages[1].root" must be a string (got 7)');
  });

  it('says where bad JSON is, and refuses an appid in the wrong format', async () => {
    const project = await makeProject({ 'minigame-studio.json': '{ "md5Cache": true, }' });
    const error = await rejection(loadProjectFile(project.dir));
    expect(error.message).toMatch(/minigame-studio.json is not valid JSON/);
    await project.write('minigame-studio.json', json({ alipay: { appid: 'wx0123456789abcdef' } }));
    const appid = await rejection(loadProjectFile(project.dir));
    expect(appid.options.field).toBe('alipay.appid');
    expect(appid.message).toMatch(/16 digits starting with 20/);
  });

  it("loads the README's own jsonc example pasted into minigame-studio.json", async () => {
    const readme = await readFile(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const example = /```jsonc\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain('//');
    const project = await makeProject({ 'minigame-studio.json': example ?? '' });
    const file = await loadProjectFile(project.dir);
    expect(file).toMatchObject({ orientation: 'portrait', md5Cache: true, optimize: { png: 'lossless', jpeg: 80 }, wechat: { appid: 'wx0123456789abcdef' }, alipay: { appid: '2021000000000000' } });
    expect(file?.subpackages).toHaveLength(2);
  });

  it('reads comments, and keeps them, the key order and unknown keys when saving a patch', async () => {
    const original = [
      '{',
      '  // The game turns sideways.',
      '  "orientation": "landscape",',
      '  /* never shipped */ "exclude": ["docs/**"],',
      '  "wechat": {',
      '    "appid": "wx0123456789abcdef", // the real one',
      '    "libVersion": "3.0.0"',
      '  },',
      '  "custom": { "keep": true }',
      '}',
      '',
    ].join('\n');
    const project = await makeProject({ 'minigame-studio.json': original });
    expect(await loadProjectFile(project.dir)).toMatchObject({ orientation: 'landscape', exclude: ['docs/**'] });
    await saveProjectFile(project.dir, { md5Cache: true, wechat: { appid: 'wxffffffffffffffff' }, exclude: undefined });
    const text = await readFile(project.path('minigame-studio.json'), 'utf8');
    expect(text).toContain('// The game turns sideways.');
    expect(text).toContain('"appid": "wxffffffffffffffff", // the real one');
    expect(text).not.toContain('docs/**');
    expect([...text.matchAll(/"(orientation|wechat|custom|md5Cache)"/g)].map((m) => m[1])).toEqual(['orientation', 'wechat', 'custom', 'md5Cache']);
    expect(await loadProjectFile(project.dir)).toEqual({
      orientation: 'landscape',
      wechat: { appid: 'wxffffffffffffffff', libVersion: '3.0.0' },
      custom: { keep: true },
      md5Cache: true,
    });
  });

  it('refuses, naming the field, a pattern of 65,536 characters or more and JSON nested 10,000 deep', async () => {
    const long = 'a'.repeat(65_536);
    const deep = `{ "gameJson": { "x": ${'['.repeat(10_000)}${']'.repeat(10_000)} } }`;
    const cases: { text: string; field: string; patch: Record<string, unknown> }[] = [
      { text: json({ exclude: ['docs/**', long] }), field: 'exclude[1]', patch: { exclude: ['docs/**', long] } },
      { text: json({ keepInPackage: [long] }), field: 'keepInPackage[0]', patch: { keepInPackage: [long] } },
      { text: deep, field: 'gameJson', patch: { gameJson: JSON.parse(deep).gameJson } },
    ];
    for (const { text, field, patch } of cases) {
      const project = await makeProject({ 'minigame-studio.json': text });
      const error = await rejection(loadProjectFile(project.dir));
      expect(error.code, field).toBe('PROJECT_FILE_INVALID');
      expect(error.options.field).toBe(field);
      expect(error.message).toContain(`"${field}"`);
      expect(error.message).toContain(project.path('minigame-studio.json'));
      // A patch that would make it so is refused, and the file stays as it was.
      const other = await makeProject({ 'minigame-studio.json': json({ md5Cache: true }) });
      expect((await rejection(saveProjectFile(other.dir, patch))).options.field).toBe(field);
      expect(await readFile(other.path('minigame-studio.json'), 'utf8')).toBe(json({ md5Cache: true }));
    }
  });

  it('saves a patch atomically, keeping keys it does not know and sibling fields', async () => {
    const project = await makeProject({
      'minigame-studio.json': json({ futureKey: { keep: true }, wechat: { appid: 'wx0123456789abcdef', libVersion: '3.0.0' } }),
    });
    const saved = await saveProjectFile(project.dir, { md5Cache: true, wechat: { virtualPayment: true } });
    expect(saved.md5Cache).toBe(true);
    const onDisk = JSON.parse(await readFile(project.path('minigame-studio.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toEqual({
      futureKey: { keep: true },
      wechat: { appid: 'wx0123456789abcdef', libVersion: '3.0.0', virtualPayment: true },
      md5Cache: true,
    });
    // No temporary file left beside it.
    expect((await readdir(project.dir)).sort()).toEqual(['minigame-studio.json']);
  });

  it('removes a key whose patch value is undefined, and creates the file when there is none', async () => {
    const project = await makeProject({});
    await saveProjectFile(project.dir, { remoteUrl: 'https://cdn.example.com/', md5Cache: true });
    await saveProjectFile(project.dir, { remoteUrl: undefined });
    expect(await loadProjectFile(project.dir)).toEqual({ md5Cache: true });
  });

  it('refuses a bad patch and leaves the file byte-identical', async () => {
    const original = json({ md5Cache: false, custom: 1 });
    const project = await makeProject({ 'minigame-studio.json': original });
    const error = await rejection(saveProjectFile(project.dir, { subpackages: [{ name: '', root: 'x/' }] }));
    expect(error.options.field).toBe('subpackages[0].name');
    expect(error.message).toContain('a subpackage needs a name');
    expect(await readFile(project.path('minigame-studio.json'), 'utf8')).toBe(original);
  });

  it('says what to do when the folder cannot be written', async () => {
    const project = await makeProject({});
    const error = await rejection(saveProjectFile(project.path('no/such/folder'), { md5Cache: true }));
    expect(error.code).toBe('PROJECT_FILE_WRITE_FAILED');
    expect(error.message).toMatch(/could not be saved .*unchanged/);
  });

  it('refuses to save over a file that is not valid JSON, so nothing the user wrote is lost', async () => {
    const project = await makeProject({ 'minigame-studio.json': '{ broken' });
    await rejection(saveProjectFile(project.dir, { md5Cache: true }));
    expect(await readFile(project.path('minigame-studio.json'), 'utf8')).toBe('{ broken');
    await writeFile(project.path('minigame-studio.json'), '{}');
    expect(await saveProjectFile(project.dir, { md5Cache: true })).toEqual({ md5Cache: true });
  });
});
