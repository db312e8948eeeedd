import type { Clock } from '../clock';
import { ConfabError } from '../http/errors';
import { toFailure } from '../http/failure';
import type { ChatProvider, ReplyEvent } from '../providers/chat-provider';
import type { ChatMessage, StoredConversation } from './chat-types';
import type { StreamLiveness } from './stream-liveness';

/** One answer being produced. */
export interface ActiveTurn {
  conversationId: string;
  messageId: string;
  /** The answer as it ended (`done`, `stopped` or `error`, with its full text), once written. */
  finished: Promise<ChatMessage>;
  /** Why it failed, when it did. */
  failure: unknown;
  /** Why the final write failed, when it did (a full disk): the answer is then only on screen. */
  saveError: unknown;
  /** Stops it: through the backend's stop when it has one (waiting up to `graceMs` for the end), else at once. */
  stop(graceMs: number): Promise<void>;
  /**
   * Cuts it off locally at once: `stopped` as if the reader stopped it, `interrupted` when the
   * page or widget goes away under it (the next visit offers to retry it).
   */
  abort(as?: 'stopped' | 'interrupted'): void;
  /** Ends it at once as failed, with `reason` as its failure (the connection went away): the reader may retry it. */
  cutOff(reason: unknown): void;
}

/** What {@link runTurn} needs. */
export interface TurnOptions {
  provider: ChatProvider;
  conversation: StoredConversation;
  /** The pending answer message to fill. */
  reply: ChatMessage;
  /** The conversation before the answer, oldest first. */
  history: readonly ChatMessage[];
  clock: Clock;
  liveness: StreamLiveness;
  writeIntervalMs: number;
  /** Each piece of text, as the whole answer so far. */
  onDraft(draft: { messageId: string; conversationId: string; content: string }): void;
  /** The answer changed shape (it started, got sources, thoughts or files). */
  onMessage(message: ChatMessage): void;
  /** Writes the answer; the last call is the final write, made before the liveness mark is released. */
  save(message: ChatMessage): Promise<void>;
  /** The backend named its conversation: persist at once, so a reload can continue it. */
  onProviderConversation(providerConversationId: string): Promise<void>;
}

/** What the backend sees of the history: questions, and answers that have text. */
function toProviderHistory(history: readonly ChatMessage[]) {
  return history
    .filter((message) => message.role === 'user' || (message.content !== '' && message.status !== 'error'))
    .map(({ role, content }) => ({ role, content }));
}

/**
 * Streams one answer from the provider into `reply`. Text goes to `onDraft` per piece and
 * to the store at most once per `writeIntervalMs` (a reload then finds the partial answer),
 * plus the final write by the caller. The turn holds a liveness mark, so another tab can tell
 * it is not interrupted.
 */
export function runTurn(options: TurnOptions): ActiveTurn {
  const { provider, conversation, clock } = options;
  const controller = new AbortController();
  /** Ends the stream here, as the reader's stop. */
  const cutHere = () => controller.abort(new ConfabError('stopped', 'Stopped by the user.'));
  let stopRequested = false;
  let endAs: 'stopped' | 'interrupted' = 'stopped';
  let reply: ChatMessage = { ...options.reply };
  let content = '';
  let lastWrite = Number.NEGATIVE_INFINITY;
  let writeTimer: unknown;

  function scheduleWrite() {
    if (writeTimer !== undefined) return;
    writeTimer = clock.setTimeout(() => {
      writeTimer = undefined;
      lastWrite = clock.now();
      // A failed intermediate write is superseded by the final one, which reports.
      options.save({ ...reply, content, updatedAt: lastWrite }).catch(() => undefined);
    }, Math.max(0, lastWrite + options.writeIntervalMs - clock.now()));
  }

  function reshape(change: Partial<ChatMessage>) {
    reply = { ...reply, ...change };
    options.onMessage({ ...reply, content });
  }

  function setText(text: string) {
    content = text;
    if (reply.status === 'pending') reshape({ status: 'streaming' });
    options.onDraft({ messageId: reply.id, conversationId: reply.conversationId, content });
    scheduleWrite();
  }

  let failure: unknown;
  let saveError: unknown;
  const finished = (async (): Promise<ChatMessage> => {
    const release = options.liveness.hold(reply.id);
    const request = { messages: toProviderHistory(options.history), providerConversationId: conversation.providerConversationId, signal: controller.signal };
    const events = provider.stream(request)[Symbol.asyncIterator]();
    // Each step also ends at the abort: a provider that ignores its signal (a custom one
    // awaiting forever) must not keep the chat streaming. Not `Promise.race` with one abort
    // promise: every race leaves a reaction on it, one per event, kept until the turn ends
    // (100,000 of them in a long answer, and garbage-collection pauses to match).
    let rejectStep = (_reason: unknown) => undefined as void;
    controller.signal.addEventListener('abort', () => rejectStep(controller.signal.reason), { once: true });
    try {
      for (;;) {
        controller.signal.throwIfAborted();
        const step = await new Promise<IteratorResult<ReplyEvent>>((resolve, reject) => {
          rejectStep = reject;
          events.next().then(resolve, reject);
        });
        if (step.done) break;
        const event = step.value;
        switch (event.type) {
          case 'meta':
            reply = { ...reply, providerMessageId: event.providerMessageId ?? reply.providerMessageId, taskId: event.taskId ?? reply.taskId };
            if (event.providerConversationId && event.providerConversationId !== conversation.providerConversationId) {
              await options.onProviderConversation(event.providerConversationId);
            }
            break;
          case 'text':
            setText(content + event.delta);
            break;
          case 'replace':
            setText(event.text);
            break;
          case 'sources':
            reshape({ sources: [...(reply.sources ?? []), ...event.sources] });
            break;
          case 'tool-call':
            reply = { ...reply, toolCalls: [...(reply.toolCalls ?? []), event.toolCall] };
            break;
          case 'thought':
            reshape({ thoughts: [...(reply.thoughts ?? []).filter((thought) => thought.id !== event.thought.id), event.thought].sort((a, b) => a.position - b.position) });
            break;
          case 'file':
            reshape({ files: [...(reply.files ?? []), event.file] });
            break;
          case 'usage':
            reply = { ...reply, usage: event.usage };
            break;
          case 'done':
            reply = { ...reply, finishReason: event.finishReason };
            break;
        }
      }
      reply = { ...reply, status: stopRequested ? endAs : reply.finishReason === 'stopped' ? 'stopped' : 'done' };
    } catch (error) {
      if (stopRequested) reply = { ...reply, status: endAs };
      else {
        failure = error;
        reply = { ...reply, status: 'error', error: toFailure(error) };
      }
    } finally {
      clock.clearTimeout(writeTimer);
      events.return?.().catch(() => undefined);
    }
    const final: ChatMessage = { ...reply, content, updatedAt: clock.now() };
    // Written before the mark is released: a tab that sees the mark gone must find the
    // final answer, not a partial one it would call interrupted.
    await options.save(final).catch((error: unknown) => (saveError = error));
    release();
    return final;
  })();

  return {
    conversationId: conversation.id,
    messageId: reply.id,
    finished,
    get failure() {
      return failure;
    },
    get saveError() {
      return saveError;
    },
    async stop(graceMs) {
      if (stopRequested) return void (await finished);
      stopRequested = true;
      if (!provider.stop || !reply.taskId || graceMs <= 0) {
        cutHere();
        return void (await finished);
      }
      // PulseAI ends a stopped answer with its own message_end (usage, and the partial answer
      // saved server-side); the local abort is the fallback if that does not come in time.
      provider.stop(reply.taskId).catch(cutHere);
      const fallback = clock.setTimeout(cutHere, graceMs);
      await finished;
      clock.clearTimeout(fallback);
    },
    abort(as = 'stopped') {
      if (!stopRequested) endAs = as;
      stopRequested = true;
      cutHere();
    },
    cutOff(reason) {
      if (!stopRequested) controller.abort(reason);
    },
  };
}
