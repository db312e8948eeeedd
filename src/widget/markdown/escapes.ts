/**
 * The named character references decoded (CommonMark §6.2 allows all of HTML5's 2,231, a
 * table of 11.6 KB gzipped, more than this whole renderer): those an HTML escaper produces,
 * and the typographic ones models and editors write. Any other `&name;` stays as typed.
 * Packed as name and character pairs to keep the bundle small.
 */
const NAMED = new Map(
  'amp& lt< gt> quot" apos\' nbsp\u00a0 copy© reg® trade™ hellip… mdash— ndash– rsquo’ lsquo‘ rdquo” ldquo“ laquo« raquo» bull• middot· deg° times× euro€ larr← rarr→ le≤ ge≥ ne≠'
    .split(' ')
    .map((pair) => [pair.slice(0, -1), pair.slice(-1)]),
);

/** ASCII punctuation: the characters a backslash escapes (CommonMark §2.4). */
export const ESCAPABLE = /[!-/:-@[-`{-~]/;

/** A character reference (§2.5): named, decimal (up to 7 digits) or hexadecimal (up to 6). */
export const ENTITY = /&(?:#(?:(\d{1,7})|x([\da-f]{1,6}))|([a-z][a-z\d]{1,31}));/iy;

/**
 * What a character reference matched by {@link ENTITY} stands for, or `undefined` for an
 * unknown name (which stays as typed). Code point 0, surrogates and values past Unicode are
 * U+FFFD, as the spec says.
 */
export function decodeEntity(dec: string | undefined, hex: string | undefined, name: string | undefined): string | undefined {
  if (name) return NAMED.get(name);
  const code = dec ? +dec : parseInt(hex!, 16);
  return String.fromCodePoint(!code || code > 0x10ffff || (code >= 0xd800 && code < 0xe000) ? 0xfffd : code);
}

const UNESCAPE = new RegExp(`\\\\([!-/:-@[-\`{-~])|${ENTITY.source}`, 'gi');

/** Resolves backslash escapes and character references in a link destination, title or info string. */
export const unescape = (text: string): string =>
  text.replace(UNESCAPE, (whole, escaped?: string, dec?: string, hex?: string, name?: string) => escaped ?? decodeEntity(dec, hex, name) ?? whole);
