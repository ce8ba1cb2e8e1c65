/**
 * Fuzzing the three files a person edits by hand: minigame-studio.json, game.json and
 * project.config.json, mutated in a few hundred seeded ways (fast-check, bounded). For every
 * mutation the build must end as a user would want: exit 0, 1 or 3 (never a crash), no stack trace,
 * a non-zero exit that names the file, the source folder byte-identical outside build/, and any
 * WeChat output accepted by miniprogram-ci's own validators.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { writeTree } from './engine/output/plan-fixture.js';
import { readTree } from './engine/output/tree.js';
import { wechatRejection } from './engine/test-support/wechat-validator.js';

const FILES = ['minigame-studio.json', 'game.json', 'project.config.json'] as const;
type FileName = (typeof FILES)[number];

const BASE: Record<FileName, Record<string, unknown>> = {
  'minigame-studio.json': { md5Cache: false, exclude: ['docs/**'], keepInPackage: ['images/keep/**'], wechat: { appid: 'wx0123456789abcdef' } },
  'game.json': { deviceOrientation: 'portrait', subpackages: [{ name: 'stage1', root: 'stage1/' }], openDataContext: 'odc', networkTimeout: { request: 5000 } },
  'project.config.json': { appid: 'wx0123456789abcdef', projectname: 'fuzz', compileType: 'game', libVersion: '2.30.0', setting: { es6: true }, packOptions: { ignore: [{ type: 'folder', value: 'tools' }] } },
};

/** The fields each file has, known ones first, so that most mutations hit a field the studio reads. */
const FIELDS: Record<FileName, readonly string[]> = {
  'minigame-studio.json': ['entry', 'orientation', 'exclude', 'md5Cache', 'remoteUrl', 'keepInPackage', 'subpackages', 'openDataContext', 'gameJson', 'profile', 'outDir', 'platform', 'wechat', 'alipay', 'includeLinksOutsideProject', 'unknownKey'],
  'game.json': ['deviceOrientation', 'subpackages', 'subPackages', 'openDataContext', 'networkTimeout', 'workers', 'loadingImageInfo', 'showStatusBar', 'plugins', 'unknownKey'],
  'project.config.json': ['appid', 'projectname', 'miniprogramRoot', 'libVersion', 'setting', 'packOptions', 'compileType', 'srcMiniprogramRoot', 'description', 'unknownKey'],
};

const SOURCE: Record<string, string> = {
  'game.js': "require('./lib/util.js');\n",
  'lib/util.js': 'module.exports = 1;\n',
  'stage1/game.js': 'console.log(1);\n',
  'odc/index.js': 'console.log(2);\n',
  'images/a.png': 'png',
  'images/keep/b.png': 'png',
  'docs/readme.md': '# docs',
};

const DEEP = '\u0000deep\u0000';

function deepText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Values chosen to hit the edges: wrong types, paths that leave the folder, huge and deep input. */
const special = fc.constantFrom<unknown>(
  '',
  ' ',
  '../',
  '../../etc',
  '/abs/path',
  '.',
  './',
  'stage1/',
  'missing/',
  'build',
  'game.js',
  '关卡 1/',
  'a'.repeat(65_536),
  `${'{a,b}'.repeat(300)}`,
  '[',
  '**',
  'ftp://x',
  'https://cdn.example.com/',
  'touristappid',
  'tt0123456789abcdef',
  'game',
  null,
  true,
  0,
  -1,
  1e308,
  [],
  [null],
  [''],
  [{}],
  [{ name: 'x', root: 'stage1/' }, { name: 'x', root: 'stage1/' }],
  [{ name: '__GAME__', root: 'odc/' }],
  [{ root: '' }],
  {},
  { wechat: 5 },
  { appid: 'wxffffffffffffffff', libVersion: 'game' },
  // Stands for JSON nested 10,000 deep (written into the text: JSON.stringify would overflow).
  DEEP,
);

const value = fc.oneof({ weight: 3, arbitrary: special }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) });

type Mutation =
  | { kind: 'set'; file: FileName; field: string; value: unknown }
  | { kind: 'delete'; file: FileName; field: string }
  | { kind: 'text'; file: FileName; text: string };

const mutation: fc.Arbitrary<Mutation> = fc
  .constantFrom(...FILES)
  .chain((file) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), file: fc.constant(file), field: fc.constantFrom(...FIELDS[file]), value }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), file: fc.constant(file), field: fc.constantFrom(...FIELDS[file]) }) },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('text' as const),
          file: fc.constant(file),
          text: fc.oneof(
            fc.constantFrom(
              '',
              '{',
              '[]',
              'null',
              '"a string"',
              '{ "a": 1, }',
              '{ "a": 1 } trailing',
              '\uFEFF{}',
              '// only a comment\n{}',
              `{ "x": ${deepText(10_000)} }`,
              deepText(10_000),
              `{ "a": "${'\\u0000'.repeat(10)}" }`,
              '{"a":1,"a":2}',
              '\u0000\u0001',
            ),
            fc.string({ maxLength: 40 }),
            fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
            // The file as it is, cut short.
            fc.nat({ max: 200 }).map((n) => JSON.stringify(BASE[file], null, 2).slice(0, n)),
          ),
        }),
      },
    ),
  );

function apply(m: Mutation): Record<FileName, string> {
  const out = {} as Record<FileName, string>;
  for (const file of FILES) {
    const content: Record<string, unknown> = structuredClone(BASE[file]);
    if (m.file === file && m.kind === 'text') {
      out[file] = m.text;
      continue;
    }
    if (m.file === file && m.kind === 'set') content[m.field] = m.value;
    if (m.file === file && m.kind === 'delete') delete content[m.field];
    out[file] = `${JSON.stringify(content, null, 2).replace(JSON.stringify(DEEP), `{ "deep": ${deepText(10_000)} }`)}\n`;
  }
  return out;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  return { stdout, stderr, text: () => out.join('') + err.join('') };
}

/** The source folder outside build/ (the output folder the studio owns). */
async function sourceSnapshot(dir: string): Promise<Map<string, Buffer>> {
  const tree = await readTree(dir);
  for (const path of [...tree.keys()]) if (path === 'build' || path.startsWith('build/')) tree.delete(path);
  return tree;
}

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('fuzzing the project files', () => {
  it('never crashes, never prints a stack trace, names the file on failure, and leaves the source as it was', async () => {
    let nonZero = 0;
    await fc.assert(
      fc.asyncProperty(mutation, fc.constantFrom('wechat', 'alipay'), async (m, platform) => {
        const root = await mkdtemp(join(tmpdir(), 'mgs-fuzz-'));
        roots.push(root);
        const dir = join(root, 'game');
        await writeTree(dir, { ...SOURCE, ...apply(m) });
        const before = await sourceSnapshot(dir);
        const io = capture();
        const code = await runCli(['build', dir, '--platform', platform], { stdout: io.stdout, stderr: io.stderr, cwd: root });
        const text = io.text();
        const label = `${m.kind} ${m.file}${'field' in m ? ` ${m.field}` : ''} (${platform}): exit ${code}\n${text.slice(0, 600)}`;
        expect([0, 1, 3], label).toContain(code);
        expect(text, label).not.toMatch(/failed unexpectedly|\n\s+at .+:\d+:\d+/);
        if (code !== 0) {
          nonZero++;
          expect(text, label).toContain(m.file);
        }
        expect(await sourceSnapshot(dir), label).toEqual(before);
        if (platform === 'wechat' && code !== 1) {
          const out = await readTree(join(dir, 'build/wechatgame'));
          for (const file of ['game.json', 'project.config.json'] as const) {
            expect(wechatRejection(file, JSON.parse(out.get(file)?.toString() ?? 'null')), `${label}\n${file}`).toBeNull();
          }
        }
        await rm(root, { recursive: true, force: true });
      }),
      { seed: 20_261_201, numRuns: 120, endOnFailure: true },
    );
    // The mutations do reach the checks: a good share of them must be refused.
    expect(nonZero).toBeGreaterThan(20);
  }, 300_000);
});
