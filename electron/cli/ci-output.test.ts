/** `--format github` and `--junit FILE` checked against their formats: annotation lines, parsed XML. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { escapeData, escapeProperty } from '../engine/ci/github-annotations.js';
import { RULE_CODES } from '../engine/ci/junit.js';
import { json, makeProject, removeProjects } from '../engine/test-support/make-project.js';

afterAll(removeProjects);

async function run(cwd: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += String(chunk)));
  stderr.on('data', (chunk) => (err += String(chunk)));
  const code = await runCli(args, { stdout, stderr, cwd });
  return { code, out, err };
}

/** A game over its main-package budget, with a file the whitelist rejects (its name has a comma and a colon). */
function game(extra: Record<string, string | Buffer> = {}) {
  return makeProject({
    'game.js': "console.log('hello');\n",
    'game.json': json({ deviceOrientation: 'portrait' }),
    'images/bg.png': Buffer.alloc(20_000, 1),
    'docs/notes, part 1: draft.md': '# notes\n',
    'minigame-studio.json': json({ budgets: { __GAME__: '10 KB', total: '1 MiB' } }),
    ...extra,
  });
}

/** GitHub's workflow command syntax: `::command key=value,key=value::message`, one line. */
const ANNOTATION = /^::(error|warning) (?:file=([^,:\r\n]+),)?title=([A-Z_]+)::([^\r\n]*)$/;

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '@_type': string; '@_message': string; '#text': string };
  'system-out'?: string;
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: Case[];
}

function parseJunit(xml: string): { testsuites: { '@_tests': string; '@_failures': string; testsuite: Suite[] } } {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseAttributeValue: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return parser.parse(xml, true) as never;
}

describe('GitHub annotations', () => {
  it('escape data and properties as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('docs/a, b: c%.md')).toBe('docs/a%2C b%3A c%25.md');
  });

  it('report --format github prints each problem as one annotation, with the file relative to the working folder', async () => {
    const project = await game();
    const { code, out } = await run(project.dir, 'report', '--format', 'github', '--platform', 'wechat');
    expect(code).toBe(3);
    const lines = out.split('\n').filter((line) => line.startsWith('::'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(ANNOTATION);
    const parsed = lines.map((line) => ANNOTATION.exec(line)?.slice(1));
    expect(parsed).toContainEqual(['error', 'minigame-studio.json', 'BUDGET_EXCEEDED', expect.stringMatching(/^The main package is [\d.]+ KiB, over its budget of 9\.8 KiB/)]);
    expect(parsed).toContainEqual(['warning', 'docs/notes%2C part 1%3A draft.md', 'FILE_NOT_WHITELISTED', expect.stringContaining('.md files are not on the WeChat upload whitelist')]);
    // Errors come first, as in the report; the human summary follows for people reading the log.
    expect(parsed[0]?.[0]).toBe('error');
    expect(out).toContain('Report (nothing written): WeChat Mini Game');
  });

  it('build --format github annotates a project that cannot be read, and exits 1', async () => {
    const project = await game({ 'minigame-studio.json': json({ budgets: { stage1: '2 mb' } }) });
    const { code, out } = await run(project.dir, 'build', '--format', 'github');
    expect(code).toBe(1);
    expect(out.trim()).toMatch(ANNOTATION);
    expect(out).toMatch(/^::error file=minigame-studio\.json,title=PROJECT_FILE_INVALID::minigame-studio\.json: "budgets\.stage1" is invalid/);
  });
});

describe('JUnit XML', () => {
  it('has a test per package limit, budget and rule; failures carry the studio message', async () => {
    const project = await game();
    const file = project.path('build/junit.xml');
    const { code } = await run(project.dir, 'build', '--junit', file, '--platform', 'wechat');
    expect(code).toBe(3);
    const xml = await readFile(file, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const { testsuites } = parseJunit(xml);
    const [limits, budgets, rules] = testsuites.testsuite;
    expect(testsuites.testsuite.map((s) => s['@_name'])).toEqual(['wechat: package limits (wechat-current)', 'wechat: budgets', 'wechat: rules']);

    expect(limits?.testcase.map((c) => c['@_name'])).toEqual([expect.stringMatching(/^__GAME__: [\d.]+ KiB of 4\.00 MiB$/), expect.stringMatching(/^total: [\d.]+ KiB of 30\.00 MiB$/)]);
    expect(limits?.testcase.every((c) => c.failure === undefined)).toBe(true);

    expect(budgets?.testcase.map((c) => [c['@_name'].split(':')[0], c.failure?.['@_type'] ?? 'pass'])).toEqual([
      ['__GAME__', 'BUDGET_EXCEEDED'],
      ['total', 'pass'],
    ]);
    expect(budgets?.testcase[0]?.failure?.['#text']).toMatch(/over its budget of 9\.8 KiB \(minigame-studio\.json budgets\.__GAME__\)/);

    expect(rules?.testcase.map((c) => c['@_name'])).toEqual(RULE_CODES);
    const whitelist = rules?.testcase.find((c) => c['@_name'] === 'FILE_NOT_WHITELISTED');
    expect(whitelist?.failure).toBeUndefined();
    expect(whitelist?.['system-out']).toContain('docs/notes, part 1: draft.md');

    // The counts agree with the cases.
    const all = testsuites.testsuite.flatMap((s) => s.testcase);
    expect(Number(testsuites['@_tests'])).toBe(all.length);
    expect(Number(testsuites['@_failures'])).toBe(all.filter((c) => c.failure).length);
    for (const s of testsuites.testsuite) expect(Number(s['@_failures'])).toBe(s.testcase.filter((c) => c.failure).length);
  });

  it('fails the limit test of a main package over 4 MiB', async () => {
    const project = await game({ 'images/huge.png': Buffer.alloc(4_300_000, 3), 'minigame-studio.json': '{}' });
    const file = join(project.dir, 'build', 'report.xml');
    expect((await run(project.dir, 'report', '--junit', file)).code).toBe(3);
    const { testsuites } = parseJunit(await readFile(file, 'utf8'));
    expect(testsuites.testsuite.map((s) => s['@_name'])).toEqual(['wechat: package limits (wechat-current)', 'wechat: rules']);
    const main = testsuites.testsuite[0]?.testcase[0];
    expect(main?.failure).toMatchObject({ '@_type': 'MAIN_PACKAGE_TOO_LARGE', '@_message': expect.stringMatching(/^The main package is 4\.\d\d MiB, over the wechat-current limit/) });
  });

  it('records a project that cannot be read as one failed test', async () => {
    const project = await game({ 'minigame-studio.json': '{ "budgets": ' });
    const file = project.path('out.xml');
    expect((await run(project.dir, 'report', '--junit', file)).code).toBe(1);
    const { testsuites } = parseJunit(await readFile(file, 'utf8'));
    expect(testsuites.testsuite[0]?.testcase).toEqual([
      expect.objectContaining({ '@_name': 'project', failure: expect.objectContaining({ '@_type': 'PROJECT_FILE_INVALID' }) }),
    ]);
  });
});
