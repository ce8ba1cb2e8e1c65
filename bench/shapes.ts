/** The bench's projects (issue 7), full size and the quick version CI runs. */
import type { ProjectShape } from './generate.js';

export type ShapeKey = 'large' | 'medium' | 'many';

export const SHAPES: Readonly<Record<'full' | 'quick', Readonly<Record<ShapeKey, ProjectShape>>>> = {
  full: {
    large: { name: '5,000 files / 500 MB', files: 5_000, totalBytes: 500 * 1024 * 1024, subpackages: 4 },
    medium: { name: '10,000 files', files: 10_000, totalBytes: 100 * 1024 * 1024, subpackages: 4 },
    many: { name: '50,000 small files', files: 50_000, totalBytes: 50_000 * 512, subpackages: 4 },
  },
  quick: {
    large: { name: '500 files / 20 MB (quick)', files: 500, totalBytes: 20 * 1024 * 1024, subpackages: 3 },
    medium: { name: '1,000 files (quick)', files: 1_000, totalBytes: 4 * 1024 * 1024, subpackages: 2 },
    many: { name: '5,000 small files (quick)', files: 5_000, totalBytes: 5_000 * 512, subpackages: 2 },
  },
};
