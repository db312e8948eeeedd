/**
 * The `confab-chat` command (package.json `bin`): `npx confab-chat serve --docs ./docs`.
 */
import { runCli } from './run-cli';

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  onSignal(stop) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
}).then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
