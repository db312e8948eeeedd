import { ConfigError } from '../../sdk/http/errors';

/**
 * A refused value: what is wrong and how to fix it, in one sentence pattern so every problem
 * reads alike, e.g. `mode must be "launcher" or "inline" (got "popup"). Set mode="launcher".`
 */
export function invalidValue(name: string, why: string, got: string, fix: string): ConfigError {
  return new ConfigError(name, `${name} ${why} (got ${got}). Set ${fix}.`);
}

/**
 * A key nobody reads (`config.chatURL`, `config.strings.tittle`): ignored, and named, since a
 * typo would otherwise fail silently. Suggests the key it most likely meant.
 */
export function unknownKey(name: string, noun: string, known: readonly string[]): ConfigError {
  const key = name.slice(name.lastIndexOf('.') + 1);
  const match = known.find((candidate) => loose(candidate) === loose(key));
  const hint = match ? `Did you mean ${name.slice(0, -key.length)}${match}?` : 'Remove it or check its spelling.';
  return new ConfigError(name, `${name} is not a ${noun} confab knows, so it is ignored. ${hint}`);
}

const loose = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');

/** An attribute value for a fix: in double quotes, or single quotes when it holds JSON. */
export const quoteAttribute = (text: string): string => (text.includes('"') ? `'${text}'` : `"${text}"`);
