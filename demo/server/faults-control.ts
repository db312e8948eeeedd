/**
 * The HTTP face of {@link Faults}, mounted by each server at `{base}/__faults` so tests in
 * another process (a browser, the CLI backend) can inject faults too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { faultSchemas, type Faults } from './faults';
import { HttpProblem, sendJson } from './http-kit';
import { readJson } from './json-body';

/**
 * `POST __faults` body: any subset of the controls. Strict, so a typo such as
 * `failnext` is a 422 rather than a silently ignored no-op.
 */
const controlSchema = z.strictObject({
  failNext: faultSchemas.failNext.optional(),
  dropNext: faultSchemas.dropNext.optional(),
  delayMs: faultSchemas.delayMs.optional(),
  delayNext: faultSchemas.delayNext.optional(),
  failRate: faultSchemas.failRate.optional(),
  resetAfterNext: faultSchemas.resetAfterNext.optional(),
  holdNext: faultSchemas.holdNext.optional(),
  mix: faultSchemas.mix.optional(),
});

/**
 * Handles `GET` (pending faults), `POST` (add faults, see {@link controlSchema}) and
 * `DELETE` (reset); every answer is the resulting {@link Faults.snapshot}. Never faulted.
 */
export async function handleFaultsControl(faults: Faults, req: IncomingMessage, res: ServerResponse): Promise<void> {
  switch (req.method) {
    case 'GET':
      break;
    case 'DELETE':
      faults.reset();
      break;
    case 'POST': {
      const body = await readJson(req, controlSchema);
      if (body.failNext) {
        const { count, ...spec } = body.failNext;
        faults.failNext(count, spec);
      }
      if (body.dropNext !== undefined) faults.dropNext(body.dropNext);
      if (body.delayMs !== undefined) faults.delay(body.delayMs);
      if (body.delayNext) faults.delayNext(body.delayNext.count, body.delayNext.ms);
      if (body.failRate) {
        const { rate, ...spec } = body.failRate;
        faults.failRate(rate, spec);
      }
      if (body.resetAfterNext !== undefined) faults.resetAfterNext(body.resetAfterNext);
      if (body.holdNext) faults.holdNext(body.holdNext.count, body.holdNext.ms);
      if (body.mix) faults.mix(body.mix);
      break;
    }
    default:
      throw new HttpProblem(405, `${req.method ?? ''} is not allowed here; use GET, POST or DELETE.`, {
        Allow: 'GET, POST, DELETE',
      });
  }
  sendJson(res, 200, faults.snapshot());
}
