import { parseJsonText } from '../../sdk/guard';
import { checkStringList, checkWith, isFunction, isStringWhere, type Checked } from './value-checks';

/** How one setting is read from an attribute or the `config` property, and how to fix it. */
export interface ConfigOption<T> {
  /** A valid value, as attribute text and as JavaScript, for the fix in a problem message. */
  readonly text: string;
  readonly code: string;
  /** Problem messages show only the kind of value (keys, tokens must not reach logs). */
  readonly secret: boolean;
  /** A boolean attribute: present (even empty) means true. */
  readonly flag: boolean;
  /** Reads the attribute; absent for settings only the `config` property can carry. */
  readonly fromText?: (text: string, name: string) => Checked<T>;
  readonly fromValue: (value: unknown, name: string) => Checked<T>;
}

/** Fills the fields most settings leave at their default. */
export const option = <T>(fields: Partial<ConfigOption<T>> & Pick<ConfigOption<T>, 'fromValue'>): ConfigOption<T> => ({
  text: '',
  code: '',
  secret: false,
  flag: false,
  ...fields,
});

/** A text setting, optionally narrowed by `check`; the attribute text is read as is. */
export function text(example: string, check?: (value: string) => boolean, why = 'must be a string', secret = false): ConfigOption<string> {
  const fromValue = checkWith(isStringWhere(check), why);
  return option({ text: example, code: JSON.stringify(example), secret, fromText: fromValue, fromValue });
}

/** One of a few words; the problem lists them all (`must be "a", "b" or "c"`). */
export function choice<const T extends readonly [string, ...string[]]>(values: T, example: T[number]): ConfigOption<T[number]> {
  const isValue = (value: unknown): value is T[number] => (values as readonly unknown[]).includes(value);
  const words = values.map((value) => `"${value}"`).join(', ');
  const fromValue = checkWith(isValue, `must be ${words.replace(/, ([^,]+)$/, ' or $1')}`);
  // HTML enumerated attributes are ASCII case-insensitive (`mode="Inline"`).
  return option({ text: example, code: JSON.stringify(example), fromText: (value) => fromValue(value.toLowerCase()), fromValue });
}

/** An on/off setting, a boolean attribute in HTML terms. */
export function flag(): ConfigOption<boolean> {
  return option({
    code: 'true',
    flag: true,
    // A boolean attribute is on when present, as in HTML; `="false"` is the one way off that templating needs.
    fromText: (value) => ({ ok: true, value: value.toLowerCase() !== 'false' }),
    fromValue: checkWith((value): value is boolean => typeof value === 'boolean', 'must be true or false'),
  });
}

/** A list of texts: an array in `config`, a JSON array in the attribute. */
export function list(example: string[]): ConfigOption<string[]> {
  const json = JSON.stringify(example);
  return option({
    text: json,
    code: json,
    fromText: (value, name) => {
      // `undefined` is never the result of valid JSON, so it marks text that is not JSON.
      const parsed = parseJsonText(value);
      if (parsed === undefined) return { ok: false, why: 'must be a JSON array of strings, but it is not valid JSON' };
      return checkStringList(parsed, name, 'a JSON array of strings');
    },
    fromValue: (value, name) => checkStringList(value, name, 'an array of strings'),
  });
}

/** A setting only the `config` property can carry: an object or a function. */
export const shaped = <T>(test: (value: unknown) => value is T, why: string, code: string, secret = false): ConfigOption<T> =>
  option({ code, secret, fromValue: checkWith(test, why) });

/** A callback setting; its signature is the integrator's promise, unchecked at runtime. */
export const callback = <T>(why: string, code: string, secret = false): ConfigOption<T> => shaped(isFunction<T>, why, code, secret);
