/**
 * How text becomes search terms, shared by the index (MiniSearch) and by the code that
 * picks the relevant paragraphs of a section, so both agree on what "matches" means.
 */

/**
 * Words that carry no topic. Question words are here because every question has them:
 * "How do I install confab?" should be searched as `install confab`.
 */
const STOP_WORDS = new Set(
  `a about after all also am an and any are as at be been before being but by can could did do does doing done
  for from get gets got had has have having he her here how i if in into is it its it's just let me more most
  my no not now of on once only or other our out over own please same she should so some such tell than that
  the their them then there these they this those through to too under until up us very want was way we were
  what when where which while who whom why will with would you your
  work works happen happens use using used need needs make makes explain mean means know like thing`.split(/\s+/),
);

/**
 * Splits text into raw words: runs of letters and digits, plus the parts of camelCase
 * names (`tokenDelayMs` also yields `token`, `delay`, `ms`) so a question written in
 * plain words finds the option that spells them together.
 */
export function tokenize(text: string): string[] {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out: string[] = [];
  for (const word of words) {
    out.push(word);
    const parts = word.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|_/u).filter((part) => part !== '');
    if (parts.length > 1) out.push(...parts);
  }
  return out;
}

/**
 * A tiny suffix stemmer: enough to make `retries`/`retry`, `logged`/`log` and
 * `conversations`/`conversation` meet, without a dictionary. Query and index use the
 * same function, so an odd stem (`statu`) still matches itself.
 */
export function stem(word: string): string {
  const root = stripSuffix(word);
  // `delete`/`deleted` → `delet`: a final e is dropped after the suffix, as Porter does.
  return root.length > 4 && root.endsWith('e') ? root.slice(0, -1) : root;
}

function stripSuffix(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return undo(word.slice(0, -3));
  if (word.length > 4 && word.endsWith('ed')) return undo(word.slice(0, -2));
  if (word.length > 4 && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** `logg` (from `logged`) → `log`: a doubled final consonant comes from the suffix. */
function undo(root: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(root) && !/(?:ll|ss|zz)$/.test(root) ? root.slice(0, -1) : root;
}

/** Normalises one raw word: lowercase and stemmed, or null for a stop word. */
export function processTerm(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 2 && !/\d/.test(lower)) return null;
  if (STOP_WORDS.has(lower)) return null;
  return stem(lower);
}

/** The distinct search terms of `text`, in first-seen order. */
export function searchTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const word of tokenize(text)) {
    const term = processTerm(word);
    if (term !== null) seen.add(term);
  }
  return [...seen];
}
