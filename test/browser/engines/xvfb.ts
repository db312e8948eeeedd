/**
 * Vitest global setup of the webkit project: WebKitGTK's MiniBrowser needs an X display.
 * When DISPLAY is set (.ci/run starts Xvfb itself), that one is used; otherwise this starts
 * Xvfb on a free display for the run and stops it after. A missing Xvfb fails loudly.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const XVFB = process.env['XVFB_PATH'] ?? '/usr/bin/Xvfb';

export default async function startXvfb(): Promise<(() => void) | undefined> {
  if (process.env['DISPLAY']) return undefined;
  if (!existsSync(XVFB)) throw new Error(`Xvfb is not at ${XVFB} and DISPLAY is unset: WebKit needs an X display. Install it (apt-get install -y xvfb) or set DISPLAY. The browser tests never skip.`);
  // -displayfd: Xvfb picks a free display and writes its number to fd 3 once it accepts clients.
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const display = await new Promise<string>((done, fail) => {
    let out = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) done(out.trim());
    });
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it opened a display: ${stderr.trim()}`)));
    xvfb.once('error', fail);
  });
  process.env['DISPLAY'] = `:${display}`;
  return () => void xvfb.kill();
}
