/**
 * What every Dixa route sees (the app, the request's parameters, body text and token
 * user), what it answers, and the lookups most routes start with.
 */
import type { RoutePattern } from '../router';
import { notFound } from './dixa-error';
import { parseJsonBody } from './bodies';
import { conversationIdParam } from './params';
import type { ConversationRecord, UserRecord } from './records';
import type { DixaState } from './state';

/** The server as routes use it. */
export interface DixaApp {
  readonly state: DixaState;
  /** The injectable clock, as `toISOString()`. */
  now(): string;
  /** A fresh lower-case uuid. */
  newId(): string;
  /** Create `_type`s answered with `Unsupported ConversationChannel` (GAP 1). */
  readonly unsupportedCreateTypes: ReadonlySet<string>;
}

/** What a route handler gets. */
export interface RouteContext {
  app: DixaApp;
  /** Decoded `{param}` values of the pattern. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The raw body ('' when none); routes parse it so path errors come before body errors. */
  bodyText: string;
  /** The user the request's token belongs to (§1.2). */
  tokenUserId: string;
}

/** A success: one of the §2 statuses; 204 has no body, the others `{ "data": … }`. */
export type RouteReply = { status: 200 | 201 | 202; data: unknown } | { status: 204 };

/** One §2 operation. */
export interface DixaRoute extends RoutePattern {
  /** False where §1.6 lists no 500 (list messages, close, custom attributes): never inject one there. */
  lists500: boolean;
  run(ctx: RouteContext): RouteReply;
}

/** A route that lists 500, the common case. */
export function route(method: string, pattern: string, run: DixaRoute['run'], options: { lists500?: boolean } = {}): DixaRoute {
  return { method, pattern, run, lists500: options.lists500 ?? true };
}

/** `{ "data": … }` with 200. */
export const ok = (data: unknown): RouteReply => ({ status: 200, data });
/** 204, no body. */
export const noContent: RouteReply = { status: 204 };

/** The path's conversationId, checked (400 P) but not yet looked up. */
export function conversationIdOf(ctx: RouteContext): number | undefined {
  return conversationIdParam(ctx.params.conversationId ?? '');
}

/** The stored conversation `id`, or a 404. */
export function findConversation(ctx: RouteContext, id: number | undefined): ConversationRecord {
  const conversation = id === undefined ? undefined : ctx.app.state.conversations.get(id);
  if (!conversation) throw notFound();
  return conversation;
}

/** The parsed JSON body (not JSON → B); `allowEmpty` reads an empty body as `{}`. */
export function jsonBody(ctx: RouteContext, allowEmpty = false): unknown {
  return parseJsonBody(ctx.bodyText, allowEmpty);
}

/** The `author` of an activity entry: the user's public fields. */
export function authorOf(user: UserRecord): { id: string; name: string; email: string; phoneNumber: string } {
  return { id: user.id, name: user.name, email: user.email, phoneNumber: user.phoneNumber };
}
