/**
 * The chaos run's hold on the analytics server, through its test routes only (`__faults`,
 * `__log`, `__state`, `__reset`), so it works the same against a server in another process.
 */
import type { LoggedWrite } from '../../../demo/server/analytics/request-log';
import type { FaultsSnapshot, MixSpec } from '../../../demo/server/faults';
import type { ServerState } from './count';

export interface AnalyticsControl {
  /** Faults a share of the requests with the seeded mix. */
  mix(spec: MixSpec): Promise<FaultsSnapshot>;
  /** Makes the server healthy: no more faults (requests already held still land). */
  heal(): Promise<FaultsSnapshot>;
  faults(): Promise<FaultsSnapshot>;
  writes(after?: number): Promise<LoggedWrite[]>;
  state(): Promise<ServerState>;
  reset(): Promise<void>;
}

/** `baseUrl` is the analytics API's, e.g. `http://127.0.0.1:PORT/api/analytics`. */
export function analyticsControl(baseUrl: string): AnalyticsControl {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    mix: (spec) => call('POST', '/__faults', { mix: spec }),
    heal: () => call('DELETE', '/__faults'),
    faults: () => call('GET', '/__faults'),
    writes: async (after = 0) => (await call<{ writes: LoggedWrite[] }>('GET', `/__log?after=${after}`)).writes,
    state: () => call('GET', '/__state'),
    reset: async () => void (await call('POST', '/__reset')),
  };
}
