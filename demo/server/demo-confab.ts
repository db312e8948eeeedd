/**
 * The demo's confab server: `createConfabHandler` from `src/server`, as a site would run
 * it, in front of the reference servers that stand in for the third-party APIs. The demo
 * pages talk only to it (`server="/api/confab"`): it answers from confab's own docs
 * (through `CONFAB_UPSTREAM_*` when set, else by quoting them), proxies the PulseAI page
 * with the app key, and relays every log to the reference analytics server with its API
 * key, so no key is in any page. "Talk to a person" hands a conversation over to the reference
 * Dixa server (docs/handoff-api.md, its settings), whose agent the demo page plays.
 */
import { createConfabHandler, type ConfabHandler, type ConfabHandlerOptions } from '../../src/server';
import { DEFAULT_API_KEY } from './analytics/auth';
import { DEFAULT_DIXA_TOKEN } from './dixa/auth';
import { DIXA_IDS } from './dixa/fixture';
import { demoDocsUrl, demoDocuments } from './docs-corpus';
import { upstreamFromEnv } from './upstream-from-env';

/** Where the demo's confab server is mounted. */
export const DEMO_CONFAB_PATH = '/api/confab';

/** Options of {@link createDemoConfab}. */
export interface DemoConfabOptions {
  /** Where the reference servers listen, e.g. `http://127.0.0.1:8787`. */
  referenceUrl: string;
  /** The analytics API key the reference server accepts. Default `confab-demo-api-key`. */
  analyticsApiKey?: string | undefined;
  /** The environment `CONFAB_UPSTREAM_*` is read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** The token the reference Dixa server accepts. Default `confab-demo-dixa-token`. */
  dixaToken?: string | undefined;
  /** Access log, e.g. the standalone backend's console. Default: none (the Vite console stays quiet). */
  log?: ConfabHandlerOptions['log'];
}

/** Creates the handler. Throws, naming the variable, when `CONFAB_UPSTREAM_*` is set but wrong. */
export function createDemoConfab(options: DemoConfabOptions): ConfabHandler {
  const upstream = upstreamFromEnv(options.env ?? process.env);
  if (upstream && !upstream.model) throw new Error('CONFAB_UPSTREAM_MODEL must name the model to answer with, e.g. llama3.2 or gpt-4o-mini.');
  return createConfabHandler({
    basePath: DEMO_CONFAB_PATH,
    // The demo runs on this machine, on whichever port Vite or the backend got.
    allowedOrigins: ['http://127.0.0.1:*', 'http://localhost:*'],
    docs: demoDocuments(),
    docsBaseUrl: demoDocsUrl,
    ...(upstream?.model ? { upstream: { ...upstream, model: upstream.model } } : {}),
    pulse: { baseUrl: `${options.referenceUrl}/api/pulse/v1`, apiKey: 'app-confab-demo' },
    analytics: { baseUrl: `${options.referenceUrl}/api/analytics`, apiKey: options.analyticsApiKey ?? DEFAULT_API_KEY },
    // The fixture's organisation: its "Demo Visitor" requester, "Chat handoff" queue, tag and attribute.
    handoff: {
      dixa: {
        baseUrl: `${options.referenceUrl}/api/dixa`,
        apiToken: options.dixaToken ?? DEFAULT_DIXA_TOKEN,
        requesterId: DIXA_IDS.requesterId,
        queueId: DIXA_IDS.queueId,
        emailIntegrationId: DIXA_IDS.emailIntegrationId,
        handoffTagId: DIXA_IDS.handoffTagId,
        conversationAttributeId: DIXA_IDS.sessionAttributeId,
      },
    },
    log: options.log ?? false,
  });
}
