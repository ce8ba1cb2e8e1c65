/**
 * docs/CI.md's workflow, its commands taken from the page and run in order on fresh clones, as a
 * runner would: main's build keeps its report, then a pull request is built, diffed against it and
 * simulated. The upload step needs a key and a network, so it is left out.
 */
import { execa } from 'execa';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './args.js';
import { BUNDLED_SAMPLE, REPO_ROOT } from '../engine/studio/test-helpers.js';

const BIN = fileURLToPath(new URL('../../bin/minigame-studio.mjs', import.meta.url));
const GIT_ENV = { GIT_AUTHOR_NAME: 'ci', GIT_AUTHOR_EMAIL: 'ci@example.com', GIT_COMMITTER_NAME: 'ci', GIT_COMMITTER_EMAIL: 'ci@example.com' };

/** The `npx minigame-studio …` lines of the workflow, in order. */
async function workflowCommands(): Promise<string[]> {
  const page = await readFile(join(REPO_ROOT, 'docs', 'CI.md'), 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
  return yaml
    .split('\n')
    .map((line) => line.trim().replace(/^run: /, ''))
    .filter((line) => line.startsWith('npx minigame-studio '));
}

let root: string;
let origin: string;
const git = (cwd: string, ...args: string[]) => execa('git', args, { cwd, env: GIT_ENV });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mgs-ci-'));
  origin = join(root, 'origin');
  await cp(BUNDLED_SAMPLE, origin, { recursive: true, filter: (source) => !source.startsWith(join(BUNDLED_SAMPLE, 'build')) });
  await writeFile(join(origin, '.gitignore'), 'build/\nbaseline/\n');
  await git(origin, 'init', '-q', '-b', 'main');
  await git(origin, 'add', '.');
  await git(origin, 'commit', '-q', '-m', 'the game');
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function freshClone(name: string, branch: string): Promise<string> {
  const dir = join(root, name);
  await git(root, 'clone', '-q', '--branch', branch, origin, dir);
  return dir;
}

function step(command: string, cwd: string) {
  // As the runner's shell runs it, with the package's own bin for `npx minigame-studio`.
  return execa('sh', ['-c', command.replace(/^npx minigame-studio /, 'node "$MGS_BIN" ')], { cwd, reject: false, env: { MGS_BIN: BIN, FORCE_COLOR: '0' } });
}

describe("docs/CI.md's workflow", () => {
  it('builds main and a pull request, comments the diff, and fails a pull request over its budget', async () => {
    const commands = await workflowCommands();
    const kinds = commands.map((c) => c.split(' ')[2]);
    expect(kinds).toEqual(['build', 'diff', 'simulate', 'upload']);
    const [build, diff, simulate] = commands as [string, string, string];

    // main: the build keeps its report as the artifact.
    const main = await freshClone('main-run', 'main');
    const mainBuild = await step(build, main);
    expect(mainBuild.exitCode).toBe(0);
    const artifact = join(root, 'artifact');
    await mkdir(artifact);
    await cp(join(main, 'build/wechatgame.report.json'), join(artifact, 'wechatgame.report.json'));

    // A pull request that adds an image.
    await git(origin, 'checkout', '-q', '-b', 'add-image');
    await writeFile(join(origin, 'images/added.png'), Buffer.alloc(40_000, 9));
    await git(origin, 'add', '.');
    await git(origin, 'commit', '-q', '-m', 'add an image');
    const pr = await freshClone('pr-run', 'add-image');

    const prBuild = await step(build, pr);
    expect(prBuild.exitCode).toBe(0);
    expect(prBuild.stdout).toContain('::warning file=README.md,title=FILE_NOT_WHITELISTED::');
    const junit = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(pr, 'build/junit.xml'), 'utf8')) as { testsuites: { '@_failures': string } };
    expect(junit.testsuites['@_failures']).toBe('0');

    // The download step puts main's report in baseline/.
    await cp(artifact, join(pr, 'baseline'), { recursive: true });
    const prDiff = await step(diff, pr);
    expect(prDiff.exitCode).toBe(0);
    const comment = await readFile(join(pr, 'build/size-diff.md'), 'utf8');
    expect(comment).toMatch(/^### Package sizes \(WeChat\)\n/);
    expect(comment).toContain('| `images/added.png` | `__GAME__` | 39.1 KiB |');

    expect(COMMANDS).toContain('simulate');
    const run = await step(simulate, pr);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(await readFile(join(pr, 'build/simulate.json'), 'utf8'))).toMatchObject({ ok: true });

    // The same pull request with a main-package budget it breaks: the build step fails the job.
    await writeFile(join(pr, 'minigame-studio.json'), JSON.stringify({ budgets: { __GAME__: '50 KiB' } }));
    const overBudget = await step(build, pr);
    expect(overBudget.exitCode).toBe(3);
    expect(overBudget.stdout).toMatch(/^::error file=minigame-studio\.json,title=BUDGET_EXCEEDED::The main package is [\d.]+ KiB, over its budget of 50\.0 KiB/m);
  }, 180_000);
});
