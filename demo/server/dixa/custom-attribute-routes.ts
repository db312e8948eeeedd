/**
 * Patch custom attributes (contracts/dixa.md §3.20, §6.12): a map of attribute-definition
 * id to value, a string for Text and a string[] for Select; `null` unsets. The whole patch
 * is refused when one entry is wrong, and only the patched attributes are returned.
 */
import { customAttributesBody, decode } from './bodies';
import { REASONS, badRequest } from './dixa-error';
import type { CustomAttributeDef } from './records';
import { conversationIdOf, findConversation, jsonBody, ok, route, type DixaRoute, type RouteContext } from './route-types';
import type { AttributeView } from './views';

function fits(def: CustomAttributeDef, value: unknown): value is string | string[] | null {
  if (value === null) return true;
  return def.type === 'Text' ? typeof value === 'string' : Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function patch(ctx: RouteContext) {
  const id = conversationIdOf(ctx);
  const input = decode(customAttributesBody, jsonBody(ctx));
  const conversation = findConversation(ctx, id);
  const changes: AttributeView[] = [];
  for (const [key, value] of Object.entries(input)) {
    const def = ctx.app.state.attribute(key.toLowerCase());
    if (!def || !fits(def, value)) throw badRequest(REASONS.invalidPatch);
    changes.push({ id: def.id, name: def.name, identifier: def.identifier, value });
  }
  for (const change of changes) {
    if (change.value === null) delete conversation.customAttributes[change.id];
    else conversation.customAttributes[change.id] = change.value;
  }
  if (changes.length > 0) ctx.app.state.changed();
  return ok(changes);
}

/** §3.20 (lists no 500) */
export const customAttributeRoutes: DixaRoute[] = [route('PATCH', '/v1/conversations/{conversationId}/custom-attributes', patch, { lists500: false })];
