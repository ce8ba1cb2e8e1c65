/** The mini game simulator: the server and page (for the app's view too) and a headless run. */
export { startSimulatorServer, DEFAULT_STORAGE_QUOTA, type SimulatorServer, type SimulatorOptions } from './server.js';
export { runHeadless, TAP_INTERVAL_MS, type HeadlessRun, type SimulationResult } from './run-headless.js';
export { DEVICES, DEFAULT_DEVICE, type Device } from './devices.js';
export { NETWORK_PROFILES, DEFAULT_NETWORK, type NetworkProfile } from './network-profiles.js';
export { findChromium, NO_CHROMIUM_HINT } from './chromium.js';
export { projectRunOptions, type ProjectRunOptions, type RunChoices } from './run-options.js';
export { loadFakes, checkFakes, type Fakes } from './fakes.js';
