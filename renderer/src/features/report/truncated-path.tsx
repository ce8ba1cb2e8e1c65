/**
 * A path cut in the middle when its row is too narrow: the start gives way (ellipsis), the last
 * characters (file name end, extension) always show, and the whole path is the tooltip. Long
 * hashed asset paths of engine builds (Cocos `native/33/3348…png`) then never run into the size.
 */
const TAIL_CHARS = 16;

export function TruncatedPath({ path }: { readonly path: string }) {
  const cut = Math.max(0, path.length - TAIL_CHARS);
  return (
    <>
      <span className="path-head">{path.slice(0, cut)}</span>
      <span className="path-tail">{path.slice(cut)}</span>
    </>
  );
}
