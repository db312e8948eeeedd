/**
 * `GET {base}/health`: whether this instance can serve, for load balancers and uptime
 * checks. It says what is configured and whether the docs and the store are up, nothing
 * secret (no URL, no key), and answers from any origin: monitors send none.
 */
import { jsonResponse } from './http/responses';
import type { ResolvedOptions } from './options/resolve-options';
import type { ConfabStore } from './store/store';

/** What health needs to look at. */
export interface HealthTargets {
  options: ResolvedOptions;
  store: ConfabStore;
  /** The handoff's helpdesk (`dixa`), when handoff is on. */
  handoff?: string | undefined;
  /** Indexed sections once the docs are read; undefined while they are read; an Error when they could not be. */
  docs(): number | undefined | Error;
  closing(): boolean;
}

/** The health answer: 200 when every part works, else 503 naming the part. */
export async function healthResponse(targets: HealthTargets): Promise<Response> {
  const { options } = targets;
  const docs = targets.docs();
  const store = await targets.store.ping().then(
    () => 'ok',
    () => 'unreachable',
  );
  const docsState = docs instanceof Error ? 'unreadable' : docs === undefined ? 'loading' : 'ok';
  const status = targets.closing() ? 'shutting_down' : store !== 'ok' || docsState !== 'ok' ? 'degraded' : 'ok';
  return jsonResponse(status === 'ok' ? 200 : 503, {
    status,
    docs: { state: docsState, sections: typeof docs === 'number' ? docs : 0 },
    store: { kind: targets.store.kind, state: store },
    chat: options.upstream ? 'model' : options.docs ? 'docs-only' : 'off',
    pulse: options.pulse ? 'on' : 'off',
    analytics: options.analytics ? 'on' : 'off',
    handoff: targets.handoff ?? 'off',
  });
}
