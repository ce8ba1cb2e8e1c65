/** Test support for the runtime, shared with the benchmark: simulated wx/my, an asset server, a vm loader. */
export { createSimulatedPlatform, type SimulatedPlatform, type SimulatedPlatformOptions, type SimulatedMedia, type PlatformKind } from './simulated-platform.js';
export type { TraceEvent } from './simulated-fs.js';
export { startAssetServer, type AssetServer, type Behaviour } from './asset-server.js';
export { loadRuntime, makeManifest, contentHash, RUNTIME_PATH, type RuntimeApi, type LoadedRuntime, type ManifestShape, type FixtureFile } from './load-runtime.js';
export { createScenario, FAST, type Scenario, type ScenarioOptions, type Launched } from './scenario.js';
export { playSession, type SessionFigures } from './session.js';
