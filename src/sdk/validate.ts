import * as z from 'zod/mini';
import { ValidationError } from './http/errors';

const english = z.locales.en().localeError;

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
  // The English messages per parse, not through `z.config`, which would change the host app's zod.
  const result = z.safeParse(schema, value, { error: english });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new ValidationError(code, subject, issues);
}
