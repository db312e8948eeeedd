import type { ChatProvider, ChatUser } from '../../sdk';
import { asNumber, isRecord } from '../../sdk/guard';
import { kindOf } from './describe-value';

/**
 * The shape checks behind the settings, written by hand: zod/mini's core alone cost ~8 KB
 * gzip of the 40 KB script-tag budget. Each accepts exactly what the zod schema it replaced
 * accepted, so no page that worked before starts reporting problems.
 */

/** One value checked: the value to use, or why it was refused (`must be …`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

/**
 * A check from a type guard. It hands back the value itself, not a copy: the integrator's
 * `user` and `properties` objects keep their identity.
 */
export const checkWith =
  <T>(test: (value: unknown) => value is T, why: string) =>
  (value: unknown): Checked<T> =>
    test(value) ? { ok: true, value } : { ok: false, why };

/** `check` is only asked about strings, so it can use string methods freely. */
export const isStringWhere =
  (check?: (value: string) => boolean) =>
  (value: unknown): value is string =>
    typeof value === 'string' && (!check || check(value));

/** TypeScript cannot see a function's parameters at runtime; the caller names the type. */
export const isFunction = <T>(value: unknown): value is T => typeof value === 'function';

/** Relative URLs other than paths are refused: their base would depend on the page. */
export function isUrlOrPath(value: string): boolean {
  if (value.startsWith('/')) return true;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Anything with a `stream` method: the one member the widget cannot do without. */
export const isProvider = (value: unknown): value is ChatProvider =>
  typeof value === 'object' && value !== null && typeof (value as { stream?: unknown }).stream === 'function';

/** Other fields pass untouched; analytics logs them as they are. */
export const isUser = (value: unknown): value is ChatUser =>
  isRecord(value) && (typeof value['id'] === 'string' || asNumber(value['id']) !== undefined);

/**
 * zod's `record` rule, kept so the same objects pass: a plain object (or one without a
 * prototype; class instances such as a Date or a Map are not settings) with no enumerable
 * symbol keys, which a string-keyed record refused.
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const maker = value['constructor'];
  if (typeof maker === 'function') {
    const prototype: unknown = maker.prototype;
    if (!isRecord(prototype) || !Object.hasOwn(prototype, 'isPrototypeOf')) return false;
  }
  return !Object.getOwnPropertySymbols(value).some((key) => Object.prototype.propertyIsEnumerable.call(value, key));
}

/**
 * An array of strings, copied so later changes to the integrator's array do not reach the
 * widget. A refusal names the first item that is not a string (`tags[2] is a number`), the
 * one thing to fix in a long list.
 */
export function checkStringList(value: unknown, name: string, what: string): Checked<string[]> {
  if (!Array.isArray(value)) return { ok: false, why: `must be ${what}, but it is ${kindOf(value)}` };
  // findIndex visits holes too, so a sparse array is refused as before.
  const index = value.findIndex((item) => typeof item !== 'string');
  if (index < 0) return { ok: true, value: value.slice() };
  return { ok: false, why: `must be ${what}, but ${name}[${index}] is ${kindOf(value[index])}` };
}
