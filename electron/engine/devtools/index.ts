/** Developer tools: what the app (StudioApi) and the command line call. */
export { runDeveloperTool, DEFAULT_TIMEOUTS_MS, type RunToolOptions, type RunToolResult, type LogStream } from './run-tool.js';
export { locateTools, locateTool, type LocatedTool, type LocateOptions } from './locate.js';
export { withReportedSizes, parseReportedSizes, type ReportedSizes } from './reported-sizes.js';
export { toolArguments, spawnPlan } from './commands.js';
export { SERVICE_PORT_STEP } from './failures.js';
export { nodeHost, type Host } from './host.js';
