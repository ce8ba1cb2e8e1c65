/**
 * Tiny game folders for tests: `makeProject({ 'game.js': '…', 'images/a.png': Buffer })` writes
 * the files into a fresh temp folder. Remove it with `cleanup()` (or `removeProjects()` in afterAll).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestProject {
  readonly dir: string;
  /** Absolute path of a file inside the project. */
  path(rel: string): string;
  write(rel: string, content: string | Buffer): Promise<void>;
  cleanup(): Promise<void>;
}

const made = new Set<string>();

/** A JSON file's content, for brevity in tests. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export async function makeProject(files: Readonly<Record<string, string | Buffer>> = {}): Promise<TestProject> {
  const dir = await mkdtemp(join(tmpdir(), 'mgs-test-'));
  made.add(dir);
  const write = async (rel: string, content: string | Buffer): Promise<void> => {
    const path = join(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  };
  for (const [rel, content] of Object.entries(files)) await write(rel, content);
  return {
    dir,
    path: (rel) => join(dir, rel),
    write,
    cleanup: async () => {
      made.delete(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Remove every project made by this test file that is still there. */
export async function removeProjects(): Promise<void> {
  await Promise.all([...made].map((dir) => rm(dir, { recursive: true, force: true })));
  made.clear();
}

/** A minimal valid game: an entry script and a game.json. */
export const MINIMAL_GAME: Readonly<Record<string, string>> = {
  'game.js': "console.log('hello');\n",
  'game.json': json({ deviceOrientation: 'portrait' }),
};
