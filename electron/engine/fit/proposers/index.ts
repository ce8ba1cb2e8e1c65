/** The planner's proposers, in the order their plans are tried. Image compression is one more entry (docs/FIT.md). */
import type { FitProposer } from '../context.js';
import { remoteUrlProposer } from './remote-url.js';
import { subpackageProposer } from './subpackages.js';
import { unusedProposer } from './unused.js';

export const DEFAULT_PROPOSERS: readonly FitProposer[] = [remoteUrlProposer, unusedProposer, subpackageProposer];
