/**
 * Fakes for the APIs that need the platform's servers (login, user info, payment, share, ads,
 * cloud): a JSON file (`simulate --fakes FILE`, or minigame-studio.json `simulator.fakes`, a path
 * or the object itself). Each API answers `{ "success": {…} }` or `{ "fail": {…} }`; ads load or
 * fail with `error`; cloud functions answer by name. Without a fake an API answers as the platform
 * does with no server to reach. The shape is in docs/SIMULATOR.md.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { StudioError } from '../errors.js';
import { parseJsonc } from '../jsonc-text.js';

const Fields = z.record(z.string(), z.unknown());
export const AnswerSchema = z.union([z.strictObject({ success: Fields }), z.strictObject({ fail: Fields })], {
  error: 'an answer is { "success": { … } } or { "fail": { … } }',
});
const AdSchema = z.strictObject({
  /** The ad fails to load with this error (onError, load() and show() rejected). */
  error: z.strictObject({ errCode: z.number(), errMsg: z.string().optional() }).optional(),
  /** Rewarded video: onClose's isEnded (default true). */
  isEnded: z.boolean().optional(),
});

export const FakesSchema = z.strictObject({
  login: AnswerSchema.optional(),
  getUserInfo: AnswerSchema.optional(),
  getUserProfile: AnswerSchema.optional(),
  requestPayment: AnswerSchema.optional(),
  requestMidasPayment: AnswerSchema.optional(),
  shareAppMessage: AnswerSchema.optional(),
  getAuthCode: AnswerSchema.optional(),
  getOpenUserInfo: AnswerSchema.optional(),
  tradePay: AnswerSchema.optional(),
  rewardedVideoAd: AdSchema.optional(),
  bannerAd: AdSchema.optional(),
  interstitialAd: AdSchema.optional(),
  cloud: z.strictObject({ callFunction: z.record(z.string(), AnswerSchema).optional() }).optional(),
});

export type Fakes = z.infer<typeof FakesSchema>;

function invalid(where: string, error: z.ZodError): StudioError {
  const issue = error.issues[0];
  const field = issue ? issue.path.map(String).join('.') : '';
  return new StudioError(`${where}${field ? ` at "${field}"` : ''}: ${issue?.message ?? 'not a fakes object'}. The fakes' shape is in docs/SIMULATOR.md.`, {
    code: 'FAKES_INVALID',
    field: field || undefined,
    exitCode: 2,
  });
}

export function checkFakes(value: unknown, where: string): Fakes {
  const parsed = FakesSchema.safeParse(value);
  if (!parsed.success) throw invalid(where, parsed.error);
  return parsed.data;
}

/** Reads a fakes file (JSON, comments allowed), naming the file and field on any problem. */
export async function loadFakes(path: string, cwd: string): Promise<Fakes> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new StudioError(`The fakes file ${file} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Give the path of a JSON file.`, { code: 'FAKES_INVALID', path: file, exitCode: 2 });
  }
  const parsed = parseJsonc(text);
  if ('error' in parsed) throw new StudioError(`The fakes file ${file} is not JSON (${parsed.error.message}).`, { code: 'FAKES_INVALID', path: file, exitCode: 2 });
  return checkFakes(parsed.value, `The fakes file ${file}`);
}
