import { asBoolean, asNumber, asRecord, asString } from '../guard';
import { ValidationError } from '../http/errors';

/*
 * Readers for the JSON that chat backends send, built on guard.ts. They stand in for
 * zod/mini, whose core alone is ~8 KB gzip of the script-tag widget's 40 KB budget, and
 * keep what the schemas did: the whole value is walked and every missing or mistyped
 * field is noted as `path: expected <type>`, so that one error names all of them, and
 * objects are loose (fields nobody reads are ignored, as servers add extras).
 */

/**
 * Reads `value`, found at `path` (`data.0.id`; empty at the root), noting each problem in
 * `issues`. The result is only meaningful when nothing was noted, so callers go through
 * {@link readValid} or {@link tryRead}, which never hand out a result with issues.
 */
export type Reader<T> = (value: unknown, path: string, issues: string[]) => T;

/** The type a {@link Reader} produces, like `z.infer`. */
export type ReadType<R> = R extends Reader<infer T> ? T : never;

const at = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

const note = (issues: string[], path: string, type: string): void => {
  issues.push(`${path || '(root)'}: expected ${type}`);
};

/** A reader from a guard.ts check, which returns `undefined` for a value of another type. */
export function typed<T>(guard: (value: unknown) => T | undefined, type: string): Reader<T> {
  return (value, path, issues) => {
    const read = guard(value);
    if (read === undefined) note(issues, path, type);
    // A placeholder when an issue was noted; see Reader for why it never escapes.
    return read as T;
  };
}

/** A string. */
export const string = typed(asString, 'string');
/** A finite number (JSON has no other kind). */
export const number = typed(asNumber, 'number');
/** `true` or `false`. */
export const boolean = typed(asBoolean, 'boolean');

/** A field that may be missing (but not `null`). */
export const optional =
  <T>(read: Reader<T>): Reader<T | undefined> =>
  (value, path, issues) =>
    value === undefined ? undefined : read(value, path, issues);

/** A field that may be missing or `null`, which servers send for "none"; both read as `undefined`. */
export const nullish =
  <T>(read: Reader<T>): Reader<T | undefined> =>
  (value, path, issues) =>
    value === undefined || value === null ? undefined : read(value, path, issues);

/** An array whose every item `item` reads (one bad item is an issue, not dropped). */
export function list<T>(item: Reader<T>): Reader<T[]> {
  return (value, path, issues) => {
    if (Array.isArray(value)) return value.map((entry, index) => item(entry, at(path, index), issues));
    note(issues, path, 'array');
    return [];
  };
}

/**
 * A JSON object: `shape` names the fields confab needs and the reader of each; the result
 * has exactly those fields. A value that is not an object is one issue, its fields unread.
 */
export function object<S extends Record<string, Reader<unknown>>>(shape: S): Reader<{ [K in keyof S]: ReadType<S[K]> }> {
  return (value, path, issues) => {
    const record = asRecord(value);
    const read: Record<string, unknown> = {};
    if (record) for (const key in shape) read[key] = shape[key]!(record[key], at(path, key), issues);
    else note(issues, path, 'object');
    // A placeholder when an issue was noted; see Reader for why it never escapes.
    return read as { [K in keyof S]: ReadType<S[K]> };
  };
}

/** Reads `value` with `read`, or throws `ValidationError('invalid_response', subject, issues)`. */
export function readValid<T>(read: Reader<T>, value: unknown, subject: string): T {
  const issues: string[] = [];
  const result = read(value, '', issues);
  if (issues.length > 0) throw new ValidationError('invalid_response', subject, issues);
  return result;
}

/** Reads `value` with `read`, or returns `undefined` when it does not fit, for callers that report no details. */
export function tryRead<T>(read: Reader<T>, value: unknown): T | undefined {
  const issues: string[] = [];
  const result = read(value, '', issues);
  return issues.length > 0 ? undefined : result;
}
