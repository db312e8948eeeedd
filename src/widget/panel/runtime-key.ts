import type { ResolvedConfig } from '../config';

/** JSON for comparing values by content; a value JSON cannot hold (BigInt, a cycle) compares by identity. */
export function byValue(value: unknown): unknown {
  try {
    return JSON.stringify(value);
  } catch {
    return value;
  }
}

/**
 * The settings whose change means a new controller: another backend, store or log. The rest
 * (welcome, suggestions, tags, properties, user) apply live, without stopping an answer.
 * Functions count only by presence (they are called through the latest settings), so
 * re-rendering a framework parent with equal settings changes nothing.
 */
export function runtimeKey(config: ResolvedConfig): unknown[] {
  return [
    config.provider,
    config.chatUrl,
    config.chatKey,
    config.model,
    config.userId,
    config.storeName,
    config.analyticsUrl,
    config.analyticsKey,
    config.logging,
    Boolean(config.getToken),
    Boolean(config.redact),
    config.handoff.join(' '),
  ];
}

export const sameKey = (a: unknown[] | undefined, b: unknown[]) => a !== undefined && a.length === b.length && a.every((item, index) => item === b[index]);
