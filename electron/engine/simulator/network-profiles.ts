/**
 * Network profiles: how fast subpackages and remote files (OUT-res) arrive. Speeds are typical
 * downlink figures (Chrome DevTools' throttling presets for 3G/4G), not measurements of a network.
 */
export interface NetworkProfile {
  readonly name: string;
  readonly offline: boolean;
  /** 0: no limit. */
  readonly bytesPerSecond: number;
  readonly latencyMs: number;
}

export const NETWORK_PROFILES: readonly NetworkProfile[] = [
  { name: 'wifi', offline: false, bytesPerSecond: 0, latencyMs: 2 },
  { name: '4g', offline: false, bytesPerSecond: 9_000_000 / 8, latencyMs: 60 },
  { name: '3g', offline: false, bytesPerSecond: 1_600_000 / 8, latencyMs: 150 },
  { name: 'offline', offline: true, bytesPerSecond: 0, latencyMs: 0 },
];

export const DEFAULT_NETWORK = 'wifi';

export function findNetworkProfile(name: string): NetworkProfile | undefined {
  return NETWORK_PROFILES.find((p) => p.name === name.toLowerCase());
}
