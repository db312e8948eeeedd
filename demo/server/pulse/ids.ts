/**
 * Ids of the PulseAI reference server. The contract (§1) makes every id a lower-case,
 * hyphenated UUID; ids derived from a name are stable so citations of the same document
 * keep the same `document_id` across turns.
 */
import { createHash } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The canonical (lower-case) form of `value` when it is a UUID, else undefined. Upper
 * case is accepted because Dify parses ids with Python's `uuid.UUID`, which does too.
 */
export function normalizeUuid(value: string): string | undefined {
  return UUID_PATTERN.test(value) ? value.toLowerCase() : undefined;
}

/**
 * A name-based UUID (version 5 layout over SHA-1): the same `name` always gives the same
 * id, which keeps dataset, document and segment ids of citations stable.
 */
export function nameUuid(name: string): string {
  const bytes = createHash('sha1').update(`confab-pulse:${name}`).digest().subarray(0, 16);
  // Version 5 and the RFC 4122 variant bits, so strict UUID parsers accept the id.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
