import * as z from 'zod/mini';
import { ValidationError } from './http/errors';

/**
 * Issue messages from the fields zod puts on every issue, instead of zod's English locale,
 * which would weigh more than the rest of this module's callers in a browser bundle.
 */
function describeIssue(issue: z.core.$ZodRawIssue): string {
  const { code } = issue;
  if (code === 'invalid_type') return `expected ${issue.expected}, received ${issue.input === null ? 'null' : typeof issue.input}`;
  if (code === 'invalid_value') return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  if (code === 'too_small' || code === 'too_big') return `${code === 'too_small' ? 'at least' : 'at most'} ${String(issue.minimum ?? issue.maximum)}`;
  if (code === 'invalid_format') return `not a valid ${issue.format}`;
  return code === 'unrecognized_keys' ? `unknown keys ${issue.keys.join(', ')}` : 'invalid value';
}

/**
 * Parses `value` with `schema` at an edge of the SDK (a caller's argument or a server's
 * response) and throws a `ValidationError` listing every issue as `path: message`.
 */
export function validate<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
  code: 'invalid_input' | 'invalid_response',
  subject: string,
): z.infer<T> {
  // Per parse, not through `z.config`, which would change the host app's zod.
  const result = z.safeParse(schema, value, { error: describeIssue });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ValidationError(code, subject, issues);
}
