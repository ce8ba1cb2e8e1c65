/**
 * Image compression at build, opt-in per project, in minigame-studio.json:
 * `"optimize": { "png": "lossless" | "palette", "jpeg": 80, "exclude": ["ui/pixel-art/**"] }`.
 * The schema is strict (a misspelt key is an error naming it): a setting that changes the bytes
 * shipped must never be silently ignored. What each mode guarantees: docs/OPTIMIZE.md.
 */
import { z } from 'zod';

export const PNG_MODES = ['lossless', 'palette'] as const;
export type PngMode = (typeof PNG_MODES)[number];

export const OptimizeSchema = z.strictObject({
  png: z
    .enum(PNG_MODES, { message: 'must be "lossless" (same pixels, smaller file) or "palette" (256 colours, within the stated error)' })
    .optional(),
  jpeg: z
    .number({ message: 'must be a JPEG quality, a whole number from 1 to 100 (80 is a good start)' })
    .refine(Number.isInteger, 'must be a whole number from 1 to 100 (the JPEG quality; 80 is a good start)')
    .min(1, 'must be a JPEG quality from 1 to 100 (80 is a good start)')
    .max(100, 'must be a JPEG quality from 1 to 100 (80 is a good start)')
    .optional(),
  /** Globs (picomatch, as "exclude") of images shipped exactly as they are. */
  exclude: z.array(z.string({ message: 'must be a glob pattern as a string, e.g. "ui/pixel-art/**"' })).optional(),
});

export type OptimizeSettings = z.infer<typeof OptimizeSchema>;

/** How one image was encoded: the mode that made the bytes shipped. */
export type OptimizeMode = 'png-lossless' | 'png-palette' | 'jpeg';

/** A file the build compressed (FileReport.optimized): the bytes shipped are FileReport.bytes. */
export interface OptimizedFile {
  readonly mode: OptimizeMode;
  /** The source file's bytes. */
  readonly originalBytes: number;
  /** originalBytes − bytes shipped (> 0: a result that is not smaller ships the original). */
  readonly savedBytes: number;
}

/** The report's summary (Report.optimize), present when the project sets "optimize". */
export interface OptimizeSummary {
  /** Files shipped compressed (an image whose compressed form is not smaller ships as it is, and is not counted). */
  readonly files: number;
  /** Their source bytes. */
  readonly originalBytes: number;
  /** Their shipped bytes. */
  readonly bytes: number;
  /** originalBytes − bytes: what compression saved in all. */
  readonly savedBytes: number;
}
