/**
 * `GET {base}/models`: the models a request may name, in OpenAI's list shape, so an
 * OpenAI client can discover them. The first is the default.
 */
import { jsonResponse } from './http/responses';
import { LOCAL_MODEL } from './chat/local-answer';
import type { ResolvedOptions } from './options/resolve-options';

export function modelsResponse(options: ResolvedOptions): Response {
  const names = options.upstream ? [...options.upstream.allowedModels] : [LOCAL_MODEL];
  return jsonResponse(200, { object: 'list', data: names.map((id) => ({ id, object: 'model', created: 0, owned_by: 'confab' })) });
}
