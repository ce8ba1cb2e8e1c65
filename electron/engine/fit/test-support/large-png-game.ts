/** A game over the main package's limit only because of two large PNGs stored without zlib compression (5.4 MB). */
import { loosePng } from '../../optimize/test-support/images.js';
import { json, makeProject, type TestProject } from '../../test-support/make-project.js';

export const LARGE_PNGS = ['images/sky.png', 'images/sea.png'] as const;

/** The files of the game (the game names both images), to write anywhere. */
export async function largePngGameFiles(): Promise<Record<string, string | Buffer>> {
  const [a, b] = await Promise.all([loosePng(820, 820, 3), loosePng(820, 820, 5)]);
  return {
    'game.js': `const images = ${JSON.stringify(LARGE_PNGS)};`,
    'game.json': json({ deviceOrientation: 'portrait' }),
    [LARGE_PNGS[0]]: a,
    [LARGE_PNGS[1]]: b,
  };
}

export async function largePngGame(extra: Record<string, string | Buffer> = {}): Promise<TestProject> {
  return makeProject({ ...(await largePngGameFiles()), ...extra });
}
