/**
 * What minidev (2.2.5) says, read from its output. Run with `--machine-output`, it prints its
 * result as one JSON line on stdout (fixtures/minidev/ holds real runs):
 * - a failure: `{"success":false,"errorCode":"NotAuthenticationConfigured","message":"…","stack":"…"}`
 *   (errorCode is absent for a network error, whose message is Node's: `getaddrinfo ENOTFOUND …`);
 * - a success: the command's result, for preview `{"qrcodeUrl":…,"qrcodeSchema":…,"version":…}`.
 * Without it, the same facts come as text: `工具还未完成授权…(ErrorCode: auth.NotAuthenticationConfigured)`
 * followed by stack frames, or the preview's `二维码图片地址 <url>` and `Schema Url <url>` lines.
 */
import type { FailureKind } from './failures.js';

export interface MinidevResult {
  readonly success: boolean;
  readonly errorCode: string | null;
  readonly message: string | null;
  /** Preview: the URL of the QR *image* minidev's server drew (not a URL to encode). */
  readonly qrcodeUrl: string | null;
  /** Preview: the mini program's scheme URL, the QR's content (often absent since minidev 2.x). */
  readonly qrcodeSchema: string | null;
}

/** The last JSON result line minidev printed with `--machine-output`, if any. */
export function minidevResult(lines: readonly string[]): MinidevResult | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('{') || !line.endsWith('}')) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    const text = (key: string): string | null => (typeof record[key] === 'string' && record[key] !== '' ? (record[key] as string) : null);
    return {
      success: record.success !== false,
      errorCode: text('errorCode'),
      message: text('message'),
      qrcodeUrl: text('qrcodeUrl'),
      qrcodeSchema: text('qrcodeSchema'),
    };
  }
  return null;
}

/** minidev's error codes (`scope.Code` in its messages) and the failure each one is. */
const ERROR_KINDS: Readonly<Record<string, FailureKind>> = {
  NotAuthenticationConfigured: 'not-logged-in',
  InstallationNotFound: 'not-found',
  InValidVersion: 'bad-argument',
  VersionDescLengthExceeded: 'bad-argument',
  // --identity-key-path (fixtures/minidev/upload-identity-*): no file, not JSON, no alipay.authentication.
  AuthPathNotExists: 'key',
  AuthFileFormatInvalid: 'key',
  AuthFileFieldInvalid: 'key',
};

/** Node's answer when the identity key's privateKey is not a key: minidev signs with it (createSign) and passes the error on without a code. */
export const MALFORMED_KEY = /DECODER routines|PEM routines|bad decrypt|unsupported key|asn1/i;

/** Node's network error codes, as minidev passes them on (`getaddrinfo ENOTFOUND ideservice.alipay.com`). */
export const NETWORK_ERROR = /\b(ENOTFOUND|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH)\b/;

/** The failure a minidev machine result stands for, or null when it is a success or unknown. */
export function minidevFailure(result: MinidevResult | null): FailureKind | null {
  if (!result || result.success) return null;
  const known = result.errorCode ? ERROR_KINDS[result.errorCode] : undefined;
  if (known) return known;
  if (result.message && NETWORK_ERROR.test(result.message)) return 'network';
  if (result.message && MALFORMED_KEY.test(result.message)) return 'key';
  return null;
}

/** The same error codes as minidev writes them into its text output: `(ErrorCode: auth.NotAuthenticationConfigured)`. */
export function minidevFailureInText(line: string): FailureKind | null {
  const code = /\(ErrorCode: [\w-]+\.(\w+)\)/.exec(line)?.[1];
  return code ? (ERROR_KINDS[code] ?? null) : null;
}

/** The preview's text lines: `二维码图片地址 <image url>` and `Schema Url <scheme url>`. */
export function previewQrInLine(line: string): { readonly imageUrl?: string; readonly schema?: string } | null {
  const image = /二维码图片地址\s+(\S+)/.exec(line)?.[1];
  if (image) return { imageUrl: image };
  const schema = /Schema Url\s+(\S+)/.exec(line)?.[1];
  return schema ? { schema } : null;
}

/**
 * What a QR for a scheme URL encodes, as minidev itself draws it: the `scheme` parameter when the
 * URL has one, else the URL. Null for anything that is not a URL (minidev puts a deprecation
 * notice in qrcodeSchema when its server gave none).
 */
export function schemaQrContent(schema: string | null | undefined): string | null {
  if (!schema) return null;
  try {
    const url = new URL(schema);
    return url.searchParams.get('scheme') || url.toString();
  } catch {
    return null;
  }
}
