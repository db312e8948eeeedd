/**
 * `confab-chat serve`: reads the settings, starts the server, prints where it listens,
 * and stops gracefully on Ctrl-C or SIGTERM (answers in flight may finish). A bad setting
 * prints one line naming it (the flag, variable or file key) and exits with status 2.
 */
import { ConfigError } from '../../sdk/http/errors';
import { createConfabHandler } from '../create-confab-handler';
import { serve, type RunningServer } from '../node/serve';
import { createRedisStore } from '../store/redis-store';
import { cliConfig, sourceOf, type CliConfig } from './cli-config';
import { USAGE } from './usage';

/** Where the CLI talks and what it listens to; `process` by default, seams for tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Calls `stop` on SIGINT and SIGTERM. */
  onSignal(stop: () => void): void;
}

/** Runs the CLI; resolves with the exit status (0, 1 for a failure, 2 for a usage or setting error) once it is done. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'serve') {
    io.err(`error: unknown command "${command}". Run \`confab-chat help\`.\n`);
    return 2;
  }
  let config: CliConfig | undefined;
  let running: RunningServer;
  try {
    config = cliConfig(rest, io.env, io.cwd);
    if (config.help) {
      io.out(USAGE);
      return 0;
    }
    const store = config.redisUrl === undefined ? undefined : await createRedisStore({ url: config.redisUrl });
    let handler: ReturnType<typeof createConfabHandler>;
    try {
      handler = createConfabHandler({ ...config.options, ...(store ? { store } : {}) });
    } catch (error) {
      await store?.close();
      throw error;
    }
    running = await serve(handler, { port: config.port, host: config.host });
    const { options } = config;
    const upstream = options.upstream ? `${options.upstream.model} at ${new URL(options.upstream.baseUrl).host}` : 'none: answers quote the docs';
    io.out(
      [
        `confab-chat server listening on ${running.url}${handler.basePath}`,
        `  chat      POST ${handler.basePath}/chat/completions (model: ${upstream})`,
        `  docs      ${typeof options.docs === 'string' ? options.docs : Array.isArray(options.docs) ? options.docs.map(String).join(', ') : 'none'}`,
        `  origins   ${options.allowedOrigins.join(', ')}`,
        ...(options.pulse ? [`  pulse     ${handler.basePath}/pulse/…`] : []),
        ...(options.analytics ? [`  analytics ${handler.basePath}/analytics/…`] : []),
        ...(options.handoff ? [`  handoff   ${handler.basePath}/handoff (${options.handoff.dixa ? `dixa at ${new URL(options.handoff.dixa.baseUrl ?? 'https://dev.dixa.io').host}` : 'your adapter'})`] : []),
        `  store     ${store ? 'redis' : 'memory'}`,
        `  health    GET ${handler.basePath}/health`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const source = config ? sourceOf(config, error.option) : undefined;
    io.err(`error: ${source && !error.message.startsWith(source) ? `${source}: ` : ''}${error.message}\nRun \`confab-chat serve --help\` for the settings.\n`);
    return 2;
  }
  return new Promise((resolve) => {
    io.onSignal(() => {
      io.out('Stopping: answers in flight may finish (10 s at most)…\n');
      void running.close({ graceMs: 10_000 }).then(() => resolve(0));
    });
  });
}
