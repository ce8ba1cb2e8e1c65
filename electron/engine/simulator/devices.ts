/**
 * Device presets of the simulator: screen in CSS pixels, pixel ratio, safe-area insets. The default
 * is 375×667 at ratio 2 (the iPhone 6/7/8 size DevTools also starts with). A landscape game gets
 * the same device turned.
 */
export interface Device {
  readonly name: string;
  readonly model: string;
  readonly system: string;
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
  /** Status bar / notch at the top and the home indicator at the bottom, in portrait. */
  readonly safeTop: number;
  readonly safeBottom: number;
}

export const DEVICES: readonly Device[] = [
  { name: 'iphone-8', model: 'iPhone 6/7/8', system: 'iOS 16.0', width: 375, height: 667, pixelRatio: 2, safeTop: 20, safeBottom: 0 },
  { name: 'iphone-15-pro-max', model: 'iPhone 15 Pro Max', system: 'iOS 17.0', width: 430, height: 932, pixelRatio: 3, safeTop: 59, safeBottom: 34 },
  { name: 'android-1080x2400', model: 'Android 1080×2400', system: 'Android 13', width: 360, height: 800, pixelRatio: 3, safeTop: 24, safeBottom: 0 },
  { name: 'ipad', model: 'iPad', system: 'iPadOS 16.0', width: 768, height: 1024, pixelRatio: 2, safeTop: 24, safeBottom: 0 },
];

export const DEFAULT_DEVICE = 'iphone-8';

export function findDevice(name: string): Device | undefined {
  const wanted = name.toLowerCase();
  return DEVICES.find((d) => d.name === wanted || d.model.toLowerCase() === wanted);
}

/** The device as the game sees it: turned for a landscape game (insets move to the sides, ignored here). */
export function oriented(device: Device, orientation: string): Device {
  if (orientation !== 'landscape' || device.width > device.height) return device;
  return { ...device, width: device.height, height: device.width, safeTop: 0, safeBottom: 0 };
}
