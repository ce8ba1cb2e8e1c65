/**
 * Device presets of the simulator (the table is in shared/simulator.ts: the app's view lists them
 * too). A landscape game gets the same device turned.
 */
import { DEFAULT_DEVICE, DEVICES, type Device } from '../../../shared/simulator.js';

export { DEFAULT_DEVICE, DEVICES, type Device };

export function findDevice(name: string): Device | undefined {
  const wanted = name.toLowerCase();
  return DEVICES.find((d) => d.name === wanted || d.model.toLowerCase() === wanted);
}

/** The device as the game sees it: turned for a landscape game (insets move to the sides, ignored here). */
export function oriented(device: Device, orientation: string): Device {
  if (orientation !== 'landscape' || device.width > device.height) return device;
  return { ...device, width: device.height, height: device.width, safeTop: 0, safeBottom: 0 };
}
