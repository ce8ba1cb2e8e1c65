/**
 * Which file of the game a script's reference points at. A reference starting with '/' is
 * root-relative; './' and '../' are relative to the script; a bare name is tried beside the script
 * first, then from the game root (mini game code names assets root-relative: 'images/bg.png').
 * A require also tries '.js' and '/index.js', as the platforms' require does.
 */
import { collapse, parentFolder } from '../paths.js';

export function resolveRef(
  spec: string,
  fromPath: string,
  exists: (path: string) => boolean,
  kind: 'require' | 'literal',
): string | null {
  const clean = spec.replace(/[?#].*$/, '');
  const bases: (string | null)[] = [];
  if (clean.startsWith('/')) bases.push(collapse(clean.slice(1)));
  else if (clean.startsWith('./') || clean.startsWith('../')) bases.push(collapse(parentFolder(fromPath) + clean));
  else bases.push(collapse(parentFolder(fromPath) + clean), collapse(clean));
  for (const base of bases) {
    if (!base) continue;
    const candidates = kind === 'require' ? [base, `${base}.js`, `${base}/index.js`] : [base];
    const found = candidates.find(exists);
    if (found) return found;
  }
  return null;
}
