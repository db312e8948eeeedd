import type { ConfigError } from '../../sdk/http/errors';
import { en, type DeepPartial, type Strings } from '../i18n';
import { invalidValue, unknownKey } from './config-problems';
import { describeValue } from './describe-value';

/**
 * Keeps the parts of `config.strings` that fit the `Strings` shape and adds a problem for
 * each part that does not: a misspelt key or a number where a text belongs would otherwise
 * be ignored without a word.
 */
export function checkStrings(value: unknown, problems: ConfigError[]): DeepPartial<Strings> | undefined {
  return walk(value, en, 'config.strings', problems);
}

function walk(value: unknown, shape: object, name: string, problems: ConfigError[]): Record<string, unknown> | undefined {
  const entries = Object.entries(shape);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const [key, text] = entries[0] ?? [];
    problems.push(invalidValue(name, 'must be an object of texts', describeValue(value), `${name} to { ${key}: ${JSON.stringify(text)} }`));
    return undefined;
  }
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const path = `${name}.${key}`;
    if (item === undefined) continue;
    if (!Object.hasOwn(shape, key)) {
      problems.push(unknownKey(path, 'text', Object.keys(shape)));
      continue;
    }
    const expected: unknown = (shape as Record<string, unknown>)[key];
    if (typeof expected === 'object' && expected !== null) {
      const nested = walk(item, expected, path, problems);
      if (nested) kept[key] = nested;
    } else if (typeof item === 'string') {
      kept[key] = item;
    } else {
      problems.push(invalidValue(path, 'must be a string', describeValue(item), `${path} to ${JSON.stringify(expected)}`));
    }
  }
  return kept;
}
