/** The planner's proposers, in the order their plans are tried. */
import type { FitProposer } from '../context.js';
import { compressProposer } from './compress.js';
import { remoteUrlProposer } from './remote-url.js';
import { subpackageProposer } from './subpackages.js';
import { unusedProposer } from './unused.js';

export const DEFAULT_PROPOSERS: readonly FitProposer[] = [remoteUrlProposer, compressProposer, unusedProposer, subpackageProposer];
