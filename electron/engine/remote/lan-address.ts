/** The address a phone or the developer tool on the same network can reach this computer at. */
import { networkInterfaces } from 'node:os';

export function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}
