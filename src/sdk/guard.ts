/**
 * Small runtime shape checks for the edges on the widget's path (stream events, server
 * answers, element settings). zod/mini's core alone is ~8 KB gzip, a fifth of the whole
 * script-tag budget, so these edges read values field by field: each reader returns the
 * value when it has the expected type and `undefined` otherwise, and the caller decides
 * whether a missing field is an error. zod/mini remains where size does not bind: the
 * direct analytics client and the development-only input checks.
 */

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export const asBoolean = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

export const asRecord = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined);

/** Parses JSON text, or returns `undefined` when it is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
