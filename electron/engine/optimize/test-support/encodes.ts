/**
 * The images a test encodes (observeEncodes), for tests that count them: `paths` is emptied before
 * each test and by `reset()`. Call once at the top of a test file.
 */
import { afterEach, beforeEach } from 'vitest';
import { observeEncodes } from '../index.js';

export function recordEncodes(): { readonly paths: string[]; reset(): void } {
  const paths: string[] = [];
  let stop = (): unknown => undefined;
  beforeEach(() => {
    paths.length = 0;
    stop = observeEncodes((path) => paths.push(path));
  });
  afterEach(() => stop());
  return {
    paths,
    reset: () => {
      paths.length = 0;
    },
  };
}
