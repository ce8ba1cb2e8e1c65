/**
 * The project file, `minigame-studio.json` at the game's root (DESIGN "The project file").
 * Every field is optional: a folder without the file is a valid project whose settings come from
 * its game.json and project.config.json. Unknown keys are kept (`looseObject`) so that saving
 * never drops what a newer studio, or a person, wrote.
 */
import { z } from 'zod';
import { BudgetsSchema } from './budgets.js';
import { OptimizeSchema } from './optimize.js';
import { ORIENTATIONS } from './platforms.js';

export const PROJECT_FILE_NAME = 'minigame-studio.json';


export const SubpackageSchema = z.looseObject({
  name: z.string().min(1, 'a subpackage needs a name'),
  /** A folder ('stage1/', its game.js is the entry) or a single script ('stage2.js'). */
  root: z.string().min(1, 'a subpackage needs a root folder or script'),
  independent: z.boolean().optional(),
});

export const ProjectFileSchema = z.looseObject({
  entry: z.string().min(1).optional(),
  orientation: z.enum(ORIENTATIONS).optional(),
  exclude: z.array(z.string()).optional(),
  md5Cache: z.boolean().optional(),
  /** REMOTE_SERVER_ROOT; '' keeps everything in the package. Checked by the engine (REMOTE_URL_INVALID). */
  remoteUrl: z.string().optional(),
  keepInPackage: z.array(z.string()).optional(),
  subpackages: z.array(SubpackageSchema).optional(),
  /** '' or absent: no open data context. */
  openDataContext: z.string().optional(),
  gameJson: z.record(z.string(), z.unknown()).optional(),
  /** Studio extension: the limit profile id (shared/platforms.ts); absent = the platform's default. */
  profile: z.string().optional(),
  /** Studio extension: the output folder per platform, relative to the project (default build/<platform dir>). */
  outDir: z.looseObject({ wechat: z.string().optional(), alipay: z.string().optional() }).optional(),
  /**
   * Studio extension: package what symbolic links leading out of the game folder point at. Off by
   * default: such links are left out with a LINK_OUTSIDE_PROJECT warning.
   */
  includeLinksOutsideProject: z.boolean().optional(),
  /** Studio extension: the platform the Build panel last chose. */
  platform: z.enum(['wechat', 'alipay']).optional(),
  wechat: z
    .looseObject({
      appid: z.string().optional(),
      libVersion: z.string().optional(),
      virtualPayment: z.boolean().optional(),
      projectname: z.string().optional(),
    })
    .optional(),
  alipay: z.looseObject({ appid: z.string().optional() }).optional(),
  /** Studio extension: size budgets per package, 'total', 'remote' and 'growth' (shared/budgets.ts). */
  budgets: BudgetsSchema.optional(),
  /** Studio extension: image compression at build (shared/optimize.ts, docs/OPTIMIZE.md). */
  optimize: OptimizeSchema.optional(),
  /** Studio extension: the simulator's domain lists, urlCheck override and fakes (docs/SIMULATOR.md). */
  simulator: z
    .looseObject({
      /** One list for every kind of call, or WeChat's four lists. */
      domains: z
        .union([
          z.array(z.string()),
          z.strictObject({
            request: z.array(z.string()).optional(),
            socket: z.array(z.string()).optional(),
            uploadFile: z.array(z.string()).optional(),
            downloadFile: z.array(z.string()).optional(),
          }),
        ])
        .optional(),
      urlCheck: z.boolean().optional(),
      /** A fakes file's path (from the project folder), or the fakes themselves. */
      fakes: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
    })
    .optional(),
});

export type ProjectFile = z.infer<typeof ProjectFileSchema>;
export type SubpackageEntry = z.infer<typeof SubpackageSchema>;

/** "subpackages[1].root" from a zod issue path. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    '',
  );
}
