/**
 * One colour per package, the same in the tree, the report bars and the subpackage editor, so a
 * designer can see at a glance where a file goes.
 */
import { MAIN_PACKAGE } from '../../../shared/report.js';

const SUBPACKAGE_COLOURS = ['#7c5cd6', '#d9822b', '#1f9e89', '#c2417a', '#5a7d2a', '#b8860b', '#3f6fb5', '#8a5a44'];
export const MAIN_COLOUR = '#2f6fde';
export const REMOTE_COLOUR = '#0d9aa8';
export const EXCLUDED_COLOUR = '#9aa1ab';
export const NOT_WHITELISTED_COLOUR = '#d64545';

export function packageColour(name: string, subpackageNames: readonly string[]): string {
  if (name === MAIN_PACKAGE) return MAIN_COLOUR;
  const index = subpackageNames.indexOf(name);
  return SUBPACKAGE_COLOURS[(index < 0 ? 0 : index) % SUBPACKAGE_COLOURS.length]!;
}
