/**
 * `GET /models`: the one model the local answerer serves, in OpenAI's list shape. In
 * proxy mode the upstream's own list is forwarded instead, since that is what answers.
 */

/** The id the local answerer reports; any requested model is accepted and echoed anyway. */
export const LOCAL_MODEL_ID = 'confab-docs';

/** A fixed creation time (2026-01-01T00:00:00Z), so the list is the same on every run. */
const CREATED = 1_767_225_600;

/** The `GET /models` body of the local answerer. */
export function localModels() {
  return {
    object: 'list' as const,
    data: [{ id: LOCAL_MODEL_ID, object: 'model' as const, created: CREATED, owned_by: 'confab' }],
  };
}
