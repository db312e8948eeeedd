const MAX_SHOWN = 60;

/** `a string`, `an array`, `null`: what a value is, without showing it. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * A value as a problem message quotes it after "got": strings in quotes, objects as JSON,
 * shortened so one huge value does not swamp the message. `secret` shows only the kind, so a
 * key never lands in a console or an error report.
 */
export function describeValue(value: unknown, secret = false): string {
  if (secret || typeof value === 'function' || typeof value === 'symbol') return kindOf(value);
  if (typeof value === 'string') return `"${clip(value)}"`;
  if (typeof value === 'object' && value !== null) {
    try {
      return clip(JSON.stringify(value));
    } catch {
      // Cycles and BigInts cannot be shown as JSON.
      return kindOf(value);
    }
  }
  return String(value);
}

const clip = (text: string): string => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text);
