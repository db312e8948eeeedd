/**
 * The demo's model, from the environment: `CONFAB_UPSTREAM_URL`, `CONFAB_UPSTREAM_KEY`,
 * `CONFAB_UPSTREAM_MODEL`, the variables `confab-chat serve` reads too. The demo's confab
 * server answers through it; without it, the server quotes the docs.
 */

/** The upstream the environment names (the confab server requires `model`, and says so when it is missing). */
export interface EnvUpstream {
  baseUrl: string;
  apiKey?: string;
  model?: string;
}

/**
 * The upstream named by `env`, or undefined when `CONFAB_UPSTREAM_URL` is unset or
 * empty (the local docs answerer then runs). Empty key or model values count as unset.
 * Throws an Error naming the variable when the URL is not an absolute http(s) URL,
 * since a typo there would otherwise surface only as 502s later.
 */
export function upstreamFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): EnvUpstream | undefined {
  const raw = env.CONFAB_UPSTREAM_URL?.trim() ?? '';
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`CONFAB_UPSTREAM_URL must be an absolute http(s) URL such as http://127.0.0.1:11434/v1; got "${raw}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`CONFAB_UPSTREAM_URL must use http or https; got "${raw}".`);
  }
  const apiKey = env.CONFAB_UPSTREAM_KEY?.trim();
  const model = env.CONFAB_UPSTREAM_MODEL?.trim();
  return {
    baseUrl: raw.replace(/\/+$/, ''),
    ...(apiKey ? { apiKey } : {}),
    ...(model ? { model } : {}),
  };
}
