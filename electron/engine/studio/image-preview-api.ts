/**
 * The project tree's before/after preview: one image of the open project through the project's
 * own "optimize" settings and the build's encoders and cache (optimize/), so the saving shown is
 * the one the build ships. The renderer only displays the two images and the engine's numbers.
 */
import type { ImagePreview } from '../../../shared/api.js';
import { StudioError } from '../errors.js';
import type { HashCache } from '../hash-cache.js';
import { previewImage } from '../optimize/index.js';
import { isImage } from '../optimize/targets.js';
import type { ProjectSettings } from '../types.js';

const MIME = { png: 'image/png', jpeg: 'image/jpeg' } as const;

function dataUrl(path: string, bytes: Buffer): string {
  return `data:${path.toLowerCase().endsWith('.png') ? MIME.png : MIME.jpeg};base64,${bytes.toString('base64')}`;
}

export async function imagePreviewOf(
  settings: ProjectSettings | null,
  treePaths: readonly string[],
  path: string,
  hashes: HashCache,
): Promise<ImagePreview> {
  if (!settings) throw new StudioError('The project cannot be read, so its images cannot be previewed.', { code: 'PROJECT_UNREADABLE' });
  // Only a file of the project's tree: never a path the caller made up (../, absolute).
  if (!treePaths.includes(path)) throw new StudioError(`${path} is not a file of this project; choose an image in the project tree.`, { code: 'NOT_IN_PROJECT', path });
  if (!isImage(path)) throw new StudioError(`${path} is not a PNG or JPEG image, so it has no compression preview.`, { code: 'NOT_AN_IMAGE', path });
  const optimize = settings.optimize ?? {};
  const preview = await previewImage({ sourceDir: settings.sourceDir, outDir: settings.outDir, path, optimize, hashes });
  const { saving } = preview;
  const reason = saving.mode !== null ? null : settings.optimize ? (saving.reason ?? null) : 'the project does not set "optimize"';
  return {
    path,
    beforeBytes: saving.before,
    afterBytes: saving.after,
    savedBytes: saving.before - saving.after,
    mode: saving.mode,
    reason,
    before: dataUrl(path, preview.before),
    after: dataUrl(path, preview.after),
  };
}
