import { option, type ConfigOption } from '../config/option-kinds';
import type { Checked } from '../config/value-checks';

/** Where "Talk to a person" is offered: always in the header, after a thumbs-down, under an answer that says it does not know. */
export type HandoffOffer = 'menu' | 'after-thumbs-down' | 'when-unsure';

const OFFERS: readonly string[] = ['menu', 'after-thumbs-down', 'when-unsure'];
const WHY = 'must be "never" or any of "menu", "after-thumbs-down", "when-unsure" separated by spaces';

function check(words: readonly unknown[]): Checked<HandoffOffer[]> {
  // `[]` is how a resolved config says never (a ResolvedConfig given back as input).
  if (words.length === 0 || (words.length === 1 && words[0] === 'never')) return { ok: true, value: [] };
  const valid = words.every((word) => typeof word === 'string' && OFFERS.includes(word));
  return valid ? { ok: true, value: [...new Set(words as HandoffOffer[])] } : { ok: false, why: WHY };
}

const fromText = (text: string) => check(text.toLowerCase().split(/[\s,]+/).filter(Boolean));

/**
 * The `handoff` setting: `handoff="menu after-thumbs-down"`, or `config.handoff` as the same
 * text or an array of the words; `never` (the default) offers no person.
 */
export const handoffOption: ConfigOption<HandoffOffer[]> = option({
  text: 'menu after-thumbs-down',
  code: '["menu", "after-thumbs-down"]',
  fromText,
  fromValue: (value) => (typeof value === 'string' ? fromText(value) : Array.isArray(value) ? check(value) : { ok: false, why: WHY }),
});
