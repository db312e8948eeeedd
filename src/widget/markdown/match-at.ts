/**
 * Matches a sticky (or global) pattern at `src[at]`: the inline scanners read a token where
 * they stand, in linear time, without slicing the text. `re.lastIndex` is then where the
 * match ends.
 */
export function matchAt(re: RegExp, src: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(src);
}
