import type { ChatMessage } from './chat-types';

/** Tells whether an answer marked as streaming is still being written by some tab. */
export interface StreamLiveness {
  /** Marks `messageId` as streaming in this tab until the returned function is called. */
  hold(messageId: string): () => void;
  isLive(message: ChatMessage): Promise<boolean>;
}

/**
 * The part of `navigator.locks` liveness needs. Named here rather than as the DOM's
 * `LockManager`, so that the SDK's declarations compile in a project without the DOM library
 * (a Node server importing `confab-chat/sdk`).
 */
export interface LivenessLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

/** Without a writer for this long, a streaming answer counts as cut off (where Web Locks are missing). */
const SILENCE_MS = 45_000;
const lockName = (messageId: string) => `confab-stream:${messageId}`;

/**
 * With Web Locks, the streaming tab holds a lock named after the message, and the lock is
 * released when that tab closes or reloads, which is exactly what "interrupted" means.
 * Without them, an answer not written to for a while counts as cut off.
 */
export function createStreamLiveness(now: () => number, locks: LivenessLocks | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks): StreamLiveness {
  return {
    hold(messageId) {
      if (!locks) return () => undefined;
      let release = () => undefined as void;
      const held = new Promise<void>((resolve) => (release = resolve));
      locks.request(lockName(messageId), () => held).catch(() => undefined);
      return release;
    },
    async isLive(message) {
      if (!locks) return now() - message.updatedAt < SILENCE_MS;
      const { held = [] } = await locks.query();
      return held.some((lock) => lock.name === lockName(message.id));
    },
  };
}
