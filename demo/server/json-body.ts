/**
 * Reads a JSON request body and validates it with a zod schema, turning each failure
 * into the status the contract gives it: 413 too large, 400 malformed, 422 invalid.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { HttpProblem, readBody } from './http-kit';

/** `messages[0].role` style path of an issue, `(body)` for the root. */
function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  }
  return out === '' ? '(body)' : out;
}

/** One line per failing field, e.g. `messages[0].role: Invalid option: …`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`).join('; ');
}

/**
 * Reads, parses and validates a JSON body. The Content-Type is not checked: a browser
 * may send JSON as text/plain to avoid a CORS preflight, and the bytes are what matter.
 */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  const text = await readBody(req);
  if (text.trim() === '') throw new HttpProblem(400, 'The request body is empty; expected a JSON object.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(400, `The request body is not valid JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpProblem(422, `Invalid request body: ${describeIssues(result.error)}`);
  return result.data;
}
