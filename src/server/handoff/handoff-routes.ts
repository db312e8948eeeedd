/**
 * `{base}/handoff…`: the human-handoff API the widget speaks (docs/handoff-api.md). Every
 * route needs a caller the server can tell apart (a signed-in user, else the widget's
 * visitor id) and reaches only that caller's handoffs. Starting one and writing to the
 * person count against the question rate limits (a person's time is worth protecting as
 * much as the model's budget), and a start passes the challenge when one is set.
 */
import { readBody, parseJsonObject } from '../http/read-body';
import { RequestError } from '../http/request-error';
import { jsonResponse } from '../http/responses';
import type { ResolvedOptions } from '../options/resolve-options';
import type { ChallengeCheck } from '../protect/challenge';
import type { Caller } from '../protect/identity';
import type { RateLimiter } from '../protect/rate-limiter';
import type { Route, RouteContext } from '../route-context';
import { createHandoffInputs, ID_PATTERN } from './handoff-input';
import type { Delivery, HandoffService } from './handoff-service';

export interface HandoffRouteDeps {
  options: ResolvedOptions;
  /** Undefined when handoff is not set up: the routes then say so. */
  service: HandoffService | undefined;
  limiter: RateLimiter;
  challenge: ChallengeCheck;
}

/** The store's name for a caller's handoffs; anonymous callers have none. */
function ownerOf(caller: Caller): string {
  if (caller.kind === 'user') return `u:${caller.id}`;
  if (caller.kind === 'visitor') return `v:${caller.id}`;
  throw new RequestError(401, 'identity_required', 'Talking to a person needs to know who asks: send the visitor id the widget keeps (Authorization: Bearer visitor_…) or a signed-in user\'s token.', {
    headers: { 'WWW-Authenticate': 'Bearer' },
  });
}

const STATUS: Record<Delivery, number> = { delivered: 200, queued: 202, failed: 502 };

const methodNotAllowed = (method: string, allowed: string) => new RequestError(405, 'method_not_allowed', `${method} is not allowed here; use ${allowed}.`, { headers: { Allow: allowed } });

export function createHandoffRoutes({ options, service, limiter, challenge }: HandoffRouteDeps): Route {
  const inputs = createHandoffInputs(options.limits);

  async function body(context: RouteContext): Promise<Record<string, unknown>> {
    const text = await readBody(context.request, options.limits.maxBodyBytes, options.limits.bodyTimeoutMs);
    return text.trim() === '' ? {} : parseJsonObject(text);
  }

  /** A message to a person costs what a question does. */
  async function admit(context: RouteContext): Promise<void> {
    const admission = await limiter.admitQuestion({ ip: context.ip, caller: context.caller, tokens: 0 });
    await admission.settle(0);
  }

  return async (context) => {
    const { request } = context;
    const method = request.method;
    const parts = context.subPath.split('/').slice(2);
    if (parts.length === 0) {
      if (method === 'GET') return jsonResponse(200, service ? { enabled: true, helpdesk: service.helpdesk, pollIntervalMs: { active: service.poll.activeMs, idle: service.poll.idleMs } } : { enabled: false });
      if (method !== 'POST') throw methodNotAllowed(method, 'GET, POST');
    }
    if (!service) throw new RequestError(404, 'handoff_off', 'Talking to a person is not set up on this server (its operator sets `handoff`).');
    const owner = ownerOf(context.caller);
    const now = options.now();

    if (parts.length === 0) {
      await challenge(request, context.caller, context.ip);
      await admit(context);
      const input = inputs.start(await body(context), now);
      const { view, created } = await service.start(owner, input, context.caller.kind === 'user' ? context.caller.id : undefined);
      if (view.status === 'failed') throw new RequestError(502, 'handoff_failed', 'The helpdesk refused the handoff; the site\'s operator has been told. The assistant is still here.');
      return jsonResponse(!created ? 200 : view.status === 'starting' ? 202 : 201, { handoff: view });
    }

    const [encoded = '', action, ...rest] = parts;
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(encoded);
    } catch {
      conversationId = '';
    }
    if (!ID_PATTERN.test(conversationId) || rest.length > 0) throw new RequestError(404, 'not_found', `${method} ${context.subPath} is not a handoff route.`);

    switch (action) {
      case undefined: {
        if (method === 'GET') return jsonResponse(200, { handoff: (await service.view(owner, conversationId)).view });
        if (method !== 'DELETE') throw methodNotAllowed(method, 'GET, DELETE');
        const { view } = await service.remove(owner, conversationId);
        if (view.anonymization === 'refused') {
          throw new RequestError(502, 'anonymization_refused', `The helpdesk refused to anonymize the conversation (${(view.notice?.message ?? 'no reason given').replace(/\.$/, '')}); confab deleted its own copy.`);
        }
        return jsonResponse(view.anonymization === 'pending' ? 202 : 200, { handoff: view });
      }
      case 'events': {
        if (method !== 'GET') throw methodNotAllowed(method, 'GET');
        const after = new URL(request.url).searchParams.get('after') ?? '0';
        if (!/^\d{1,9}$/.test(after)) throw new RequestError(400, 'invalid_request', 'after must be the cursor of an earlier answer (a whole number), or 0.');
        const read = await service.events(owner, conversationId, Number(after));
        const cursor = String(read.events.at(-1)?.seq ?? (read.reset ? 0 : Number(after)));
        return jsonResponse(200, { handoff: read.view, events: read.events, cursor, pollAfterMs: read.pollAfterMs, ...(read.reset ? { reset: true } : {}) });
      }
      case 'messages': {
        if (method !== 'POST') throw methodNotAllowed(method, 'POST');
        await admit(context);
        const message = inputs.message(await body(context), now);
        const { view, delivery } = await service.send(owner, conversationId, message);
        if (delivery === 'failed') throw new RequestError(502, 'helpdesk_refused', 'The helpdesk refused this message; the site\'s operator has been told.');
        return jsonResponse(STATUS[delivery], { message: { id: message.id, status: delivery }, handoff: view });
      }
      case 'close': {
        if (method !== 'POST') throw methodNotAllowed(method, 'POST');
        const { view, delivery } = await service.close(owner, conversationId);
        return jsonResponse(STATUS[delivery], { handoff: view });
      }
      case 'rating': {
        if (method !== 'POST') throw methodNotAllowed(method, 'POST');
        const rating = inputs.rating(await body(context));
        const { view, delivery } = await service.rate(owner, conversationId, rating);
        return jsonResponse(STATUS[delivery], { rating: { score: rating.score, comment: rating.comment ?? null, status: delivery }, handoff: view });
      }
      default:
        throw new RequestError(404, 'not_found', `${method} ${context.subPath} is not a handoff route.`);
    }
  };
}
