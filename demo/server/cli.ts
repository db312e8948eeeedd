/**
 * `npm run backend -- [options]`: runs the reference backend until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_API_KEY, DEFAULT_WEB_KEY } from './analytics/auth';
import { startBackend } from './backend';
import { DEFAULT_DIXA_TOKEN, tokensFor } from './dixa/auth';
import { DIXA_FIXTURE } from './dixa/fixture';

const USAGE = `Usage: npm run backend -- [options]

Runs the confab reference backend: the Conversation Analytics API at /api/analytics,
an OpenAI-compatible chat API at /api/chat/v1, a PulseAI chat-app API at /api/pulse/v1
and a Dixa helpdesk (Conversations API) at /api/dixa (stand-ins for the third-party APIs;
both chat APIs answer from confab's own docs), and in front of them the confab server
(confab-chat/server) at /api/confab, which the widget's server attribute points at.

Options:
  --port <n>       port to listen on, 0 picks a free one (default 8787)
  --host <addr>    interface to listen on (default 127.0.0.1)
  --data <file>    persist analytics data to this JSON file (default: memory only)
  --web-key <key>  accepted web integration key; repeat for several
                   (default $CONFAB_ANALYTICS_WEB_KEY or ${DEFAULT_WEB_KEY})
  --api-key <key>  accepted API integration key; repeat for several
                   (default $CONFAB_ANALYTICS_API_KEY or ${DEFAULT_API_KEY})
  --dixa-token <token>
                   accepted Dixa API token; repeat for several
                   (default $CONFAB_DIXA_TOKEN or ${DEFAULT_DIXA_TOKEN})
  --dixa-data <file>
                   persist Dixa conversations to this JSON file (default: memory only)
  -h, --help       print this help

Env keys and tokens may list several separated by commas.

Real answers: set CONFAB_UPSTREAM_URL (an OpenAI-compatible base URL, e.g.
http://127.0.0.1:11434/v1 for Ollama), CONFAB_UPSTREAM_MODEL and, when needed,
CONFAB_UPSTREAM_KEY; the confab server at /api/confab then answers through that model,
grounded in the docs. Its access log (JSON lines) goes to standard output.
`;

/** A command-line mistake: reported with the usage hint, exit status 2. */
class UsageError extends Error {}

/** Keys from flags, else from a comma-separated env var, else the demo default. */
function keysFrom(flags: string[] | undefined, env: string | undefined, fallback: string): string[] {
  if (flags && flags.length > 0) return flags;
  const fromEnv = (env ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  return fromEnv.length > 0 ? fromEnv : [fallback];
}

function parse(argv: string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'web-key': { type: 'string', multiple: true },
        'api-key': { type: 'string', multiple: true },
        'dixa-token': { type: 'string', multiple: true },
        'dixa-data': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const portText = values.port ?? '8787';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
    throw new UsageError(`--port must be an integer from 0 to 65535; got "${portText}".`);
  }
  return {
    help: values.help === true,
    port: Number(portText),
    host: values.host ?? '127.0.0.1',
    dataPath: values.data,
    webKeys: keysFrom(values['web-key'], process.env.CONFAB_ANALYTICS_WEB_KEY, DEFAULT_WEB_KEY),
    apiKeys: keysFrom(values['api-key'], process.env.CONFAB_ANALYTICS_API_KEY, DEFAULT_API_KEY),
    dixaTokens: keysFrom(values['dixa-token'], process.env.CONFAB_DIXA_TOKEN, DEFAULT_DIXA_TOKEN),
    dixaDataPath: values['dixa-data'],
  };
}

async function main(): Promise<void> {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\nRun with --help for usage.\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const backend = await startBackend({
    ...args,
    dixa: { tokens: tokensFor(args.dixaTokens, DIXA_FIXTURE.tokenUserId), dataPath: args.dixaDataPath },
    confabLog: (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`),
  });
  const base = backend.analytics.baseUrl;
  const dixa = backend.dixa.baseUrl;
  const upstream = process.env.CONFAB_UPSTREAM_URL;
  process.stdout.write(
    [
      `confab reference backend listening on ${backend.url}`,
      `  analytics API  ${base}`,
      `    web key      ${args.webKeys.join(', ')}`,
      `    API key      ${args.apiKeys.join(', ')}`,
      `    data file    ${args.dataPath ?? '(memory only)'}`,
      `    test routes  ${base}/__faults  ${base}/__stats  ${base}/__reset  ${base}/__state`,
      `  confab server  ${backend.confab.baseUrl}  (the widget's server="…"; ${upstream ? `answers through ${upstream}` : 'quotes the docs'}, relays logs)`,
      `  chat API       ${backend.chat.baseUrl}  (OpenAI-compatible, no key; answers from the docs)`,
      `  PulseAI API    ${backend.pulse.baseUrl}  (key app-confab-demo)`,
      `  Dixa API       ${dixa}  (paths start with /v1/)`,
      `    token        ${args.dixaTokens.join(', ')}`,
      `    data file    ${args.dixaDataPath ?? '(memory only)'}`,
      `    test routes  ${dixa}/__test/agent-reply  ${dixa}/__test/assign  ${dixa}/__test/close  ${dixa}/__test/rating  ${dixa}/__test/state`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void backend.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
