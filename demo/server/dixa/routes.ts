/**
 * The 23 operations of contracts/dixa.md §2, in match order: the literal paths
 * `/v1/conversations/flows` and `/v1/conversations/activitylog` come before
 * `/v1/conversations/{conversationId}`, or `flows` would fail as a bad conversationId (§1.1).
 */
import { anonymizeRoutes } from './anonymize-routes';
import { createRoutes } from './create-route';
import { customAttributeRoutes } from './custom-attribute-routes';
import { lifecycleRoutes } from './lifecycle-routes';
import { messageRoutes } from './message-routes';
import { noteRoutes } from './note-routes';
import { organizationRoutes, readRoutes } from './read-routes';
import type { DixaRoute } from './route-types';
import { searchRoutes } from './search-route';
import { tagRoutes } from './tag-routes';

/** Every route; the first whose method and pattern match wins. */
export const dixaRoutes: readonly DixaRoute[] = [
  ...organizationRoutes,
  ...createRoutes,
  ...searchRoutes,
  ...noteRoutes,
  ...messageRoutes,
  ...anonymizeRoutes,
  ...lifecycleRoutes,
  ...readRoutes,
  ...tagRoutes,
  ...customAttributeRoutes,
];
