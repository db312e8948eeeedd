/**
 * A store in Redis, for several instances behind a load balancer: they share counters,
 * so a rate limit holds across all of them. Every compound operation (count and set an
 * expiry, append and trim) is one Lua script, which Redis runs atomically.
 */
import { ConfigError } from '../../sdk/http/errors';
import type { ConfabStore } from './store';

/**
 * The one method the store needs from a client: node-redis's `sendCommand` (the `redis`
 * package, v4 and later). Pass your own client to share its connection and settings.
 */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** Options of {@link createRedisStore}: a `url` (the store connects and closes), or a connected `client`. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url?: string | undefined;
  client?: RedisCommandClient | undefined;
  /** Prefixed to every key, so several apps can share one Redis. Default `confab:`. */
  keyPrefix?: string | undefined;
}

const INCREMENT = `local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v`;

const HASH_SET = `redis.call('HSET', KEYS[1], unpack(ARGV, 2))
if ARGV[1] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1`;

const LIST_PUSH = `local n = redis.call('RPUSH', KEYS[1], unpack(ARGV, 3))
if ARGV[2] ~= '' and n > tonumber(ARGV[2]) then redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1) n = tonumber(ARGV[2]) end
if ARGV[1] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** A TTL as Redis takes it: whole milliseconds, at least 1. */
const ttlArg = (ttlMs: number | undefined): string => (ttlMs === undefined ? '' : String(Math.max(1, Math.ceil(ttlMs))));

/** `HGETALL`'s reply: a flat array in RESP2, a map (or object) in RESP3. */
function toRecord(reply: unknown): Record<string, string> {
  if (Array.isArray(reply)) {
    const record: Record<string, string> = {};
    for (let i = 0; i + 1 < reply.length; i += 2) record[String(reply[i])] = String(reply[i + 1]);
    return record;
  }
  if (reply instanceof Map) return Object.fromEntries([...reply].map(([key, value]) => [String(key), String(value)]));
  return reply && typeof reply === 'object' ? Object.fromEntries(Object.entries(reply).map(([key, value]) => [key, String(value)])) : {};
}

/** Connects a node-redis client to `url`; the `redis` package is loaded only then, so it stays optional. */
async function connect(url: string): Promise<{ client: RedisCommandClient; close(): Promise<void> }> {
  let redis: typeof import('redis');
  // The name in a variable: a bundler then does not look for `redis` in apps that never use this store.
  const packageName = 'redis';
  try {
    redis = (await import(packageName)) as typeof import('redis');
  } catch {
    throw new ConfigError('store', 'A Redis store needs the "redis" package: run `npm install redis`.');
  }
  let connected = false;
  const client = redis.createClient({
    url,
    // A Redis that is not there at start is a setup mistake to report, not to retry forever;
    // once connected, a dropped connection is retried with a growing pause.
    socket: { reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(100 * 2 ** retries, 3_000) : cause) },
  });
  // Without a listener, a dropped connection would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new ConfigError('store', `Redis at ${url.replace(/\/\/[^@/]*@/, '//…@')} did not accept a connection: ${error instanceof Error ? error.message : String(error)}`);
  }
  connected = true;
  return { client: client as RedisCommandClient, close: () => client.close() };
}

/** Creates a store on Redis; resolves once connected. */
export async function createRedisStore(options: RedisStoreOptions): Promise<ConfabStore> {
  if (!options.url && !options.client) throw new ConfigError('store', 'createRedisStore needs `url` (e.g. "redis://127.0.0.1:6379") or a connected `client`.');
  const prefix = options.keyPrefix ?? 'confab:';
  const owned = options.client ? undefined : await connect(options.url ?? '');
  const client = options.client ?? owned?.client;
  if (!client) throw new ConfigError('store', 'createRedisStore could not create a client.');
  const send = (args: string[]) => client.sendCommand(args);
  const eval1 = (script: string, key: string, args: string[]) => send(['EVAL', script, '1', prefix + key, ...args]);

  return {
    kind: 'redis',
    async get(key) {
      const value = await send(['GET', prefix + key]);
      return value === null || value === undefined ? undefined : String(value);
    },
    async set(key, value, options) {
      await send(options?.ttlMs === undefined ? ['SET', prefix + key, value] : ['SET', prefix + key, value, 'PX', ttlArg(options.ttlMs)]);
    },
    async delete(key) {
      await send(['DEL', prefix + key]);
    },
    async increment(key, by, ttlMs) {
      return Number(await eval1(INCREMENT, key, [String(Math.trunc(by)), ttlArg(ttlMs)]));
    },
    async hashSet(key, fields, options) {
      const pairs = Object.entries(fields).flat();
      if (pairs.length === 0) return;
      await eval1(HASH_SET, key, [ttlArg(options?.ttlMs), ...pairs]);
    },
    async hashGetAll(key) {
      return toRecord(await send(['HGETALL', prefix + key]));
    },
    async hashDelete(key, fields) {
      if (fields.length > 0) await send(['HDEL', prefix + key, ...fields]);
    },
    async listPush(key, values, options) {
      if (values.length === 0) return Number(await send(['LLEN', prefix + key]));
      return Number(await eval1(LIST_PUSH, key, [ttlArg(options?.ttlMs), options?.maxLength === undefined ? '' : String(options.maxLength), ...values]));
    },
    async listRange(key, start, stop) {
      const reply = await send(['LRANGE', prefix + key, String(start), String(stop)]);
      return Array.isArray(reply) ? reply.map(String) : [];
    },
    async ping() {
      await send(['PING']);
    },
    async close() {
      await owned?.close();
    },
  };
}
