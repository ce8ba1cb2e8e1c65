/**
 * Which addresses the game's network calls may reach, decided on the simulator server (the page is
 * the game's and is not trusted to decide): as the platform's urlCheck does, an address passes when
 * its origin is on the game's domain list for that kind of call (request, socket, uploadFile,
 * downloadFile) or is the build's Remote URL; with urlCheck off, any http(s) or ws(s) address
 * passes. Offline, nothing does. Every decision carries the sentence the log shows.
 */
import type { NetworkProfile } from './network-profiles.js';

export const NET_KINDS = ['request', 'socket', 'uploadFile', 'downloadFile'] as const;
export type NetKind = (typeof NET_KINDS)[number];

/** The game's domain lists, as WeChat's console has them (one list per kind of call). */
export type DomainLists = Readonly<Record<NetKind, readonly string[]>>;

export const NO_DOMAINS: DomainLists = { request: [], socket: [], uploadFile: [], downloadFile: [] };

export interface NetPolicyInput {
  readonly domains: DomainLists;
  /** false: every address passes (DevTools' "不校验合法域名"). */
  readonly urlCheck: boolean;
  readonly remoteUrl: string;
  readonly network: NetworkProfile;
  /** The simulator's own origin: never a target (the proxy does not call itself). */
  readonly ownOrigin: string;
}

export interface NetDecision {
  readonly allowed: boolean;
  /** For the log: why it passed or was refused. */
  readonly note: string;
  /** On refusal: the platform's words after "api:fail ". */
  readonly failText?: string;
}

/** ws→http and wss→https, so a socket domain and a request domain compare alike. */
function comparableOrigin(url: URL): string {
  const protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  const port = url.port === '' ? '' : `:${url.port}`;
  return `${protocol}//${url.hostname}${port}`;
}

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export function netDecision(input: NetPolicyInput, kind: NetKind, target: string): NetDecision {
  const url = parse(target);
  const schemes = kind === 'socket' ? ['ws:', 'wss:'] : ['http:', 'https:'];
  if (url === null || !schemes.includes(url.protocol)) {
    return { allowed: false, note: `refused: not a valid ${kind === 'socket' ? 'ws(s)' : 'http(s)'} address`, failText: 'invalid url' };
  }
  if (input.network.offline) return { allowed: false, note: 'refused: the network profile is offline', failText: 'network unavailable (simulated: offline)' };
  if (comparableOrigin(url) === comparableOrigin(new URL(input.ownOrigin))) return { allowed: false, note: "refused: the simulator's own address", failText: 'url not in domain list' };
  if (!input.urlCheck) return { allowed: true, note: 'allowed: urlCheck is off' };
  const origin = comparableOrigin(url);
  const remote = parse(input.remoteUrl);
  if (remote && (kind === 'request' || kind === 'downloadFile') && comparableOrigin(remote) === origin) {
    return { allowed: true, note: "allowed: the build's Remote URL" };
  }
  const listed = input.domains[kind].some((domain) => {
    const d = parse(domain);
    return d !== null && comparableOrigin(d) === origin;
  });
  if (listed) {
    const plain = url.protocol === 'http:' || url.protocol === 'ws:';
    return { allowed: true, note: `allowed: ${origin} is in the ${kind} domain list${plain ? ' (the platform itself takes only https and wss domains)' : ''}` };
  }
  return { allowed: false, note: `refused: ${origin} is not in the ${kind} domain list (urlCheck is on)`, failText: 'url not in domain list' };
}
