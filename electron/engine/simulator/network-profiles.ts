/** Network profiles: how fast subpackages and remote files (OUT-res) arrive (table in shared/simulator.ts). */
import { DEFAULT_NETWORK, NETWORK_PROFILES, type NetworkProfile } from '../../../shared/simulator.js';

export { DEFAULT_NETWORK, NETWORK_PROFILES, type NetworkProfile };

export function findNetworkProfile(name: string): NetworkProfile | undefined {
  return NETWORK_PROFILES.find((p) => p.name === name.toLowerCase());
}
