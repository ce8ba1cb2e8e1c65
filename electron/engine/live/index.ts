/** The live report: watch a project and re-analyse it on every change. */
export { createLiveProject, DEFAULT_BATCH_MS, type LiveOptions, type LiveProject } from './live-project.js';
