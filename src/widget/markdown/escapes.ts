/**
 * The only entities decoded: the five an HTML escaper produces, which is how a model or a
 * server that escaped its output by mistake writes `<`, `&` and quotes. Any other `&name;` is
 * left as typed: a chat answer has no use for `&hearts;`, and a full entity table would cost
 * more than this whole parser.
 */
export const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** ASCII punctuation: the characters a backslash escapes (CommonMark §2.4). */
export const ESCAPABLE = /[!-/:-@[-`{-~]/;

/** Resolves backslash escapes and {@link ENTITIES} in a link destination, title or info string. */
export const unescape = (text: string): string =>
  text.replace(/\\([!-/:-@[-`{-~])|&(amp|lt|gt|quot|#39);/g, (_, escaped?: string, name?: string) => escaped ?? ENTITIES[name!]!);
