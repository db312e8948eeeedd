/**
 * The four reference servers as one set, mounted side by side: the analytics API at
 * `/api/analytics`, the OpenAI-compatible chat at `/api/chat/v1`, PulseAI at
 * `/api/pulse/v1` and the Dixa helpdesk at `/api/dixa`. Both chat servers answer from the
 * project's own docs. Used by the standalone backend, the demo's Vite server and the tests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAnalyticsServer, type AnalyticsServer, type AnalyticsServerOptions, type NextFunction } from './analytics/create-analytics-server';
import { createChatServer, type ChatServer, type ChatServerOptions } from './chat/create-chat-server';
import { createDixaServer, type DixaServer, type DixaServerOptions } from './dixa/create-dixa-server';
import type { KnowledgeBase } from '../../src/server/knowledge';
import { demoKnowledgeBase } from './docs-corpus';
import { createPulseServer, type PulseServer, type PulseServerOptions } from './pulse/create-pulse-server';

/** Options of each server; each has its own fault controls, so a test can break one alone. */
export interface ReferenceServersOptions {
  analytics?: AnalyticsServerOptions;
  chat?: ChatServerOptions;
  pulse?: PulseServerOptions;
  dixa?: DixaServerOptions;
}

/** The mounted servers. */
export interface ReferenceServers {
  analytics: AnalyticsServer;
  chat: ChatServer;
  pulse: PulseServer;
  dixa: DixaServer;
  /** Connect-style: answers the routes of any of the four, passes the rest to `next`. */
  handle(req: IncomingMessage, res: ServerResponse, next: NextFunction): void;
  close(): Promise<void>;
}

/** PulseAI's answerer from the docs: citations as knowledge-base segments (no URL, as PulseAI's). */
function pulseAnswerFrom(knowledge: KnowledgeBase): NonNullable<PulseServerOptions['answer']> {
  return async (query) => {
    const { text, sources } = knowledge.answer(query);
    return { text, sources: sources.map((source, index) => ({ title: source.title, content: source.description, score: Number((0.9 - index * 0.1).toFixed(2)) })) };
  };
}

/** Creates the four reference servers. */
export function createReferenceServers(options: ReferenceServersOptions = {}): ReferenceServers {
  const knowledge = demoKnowledgeBase();
  const analytics = createAnalyticsServer({ basePath: '/api/analytics', ...options.analytics });
  const chat = createChatServer({ basePath: '/api/chat/v1', knowledge, ...options.chat });
  const pulse = createPulseServer({
    basePath: '/api/pulse/v1',
    answer: pulseAnswerFrom(knowledge),
    suggest: (query) => knowledge.relatedQuestions(query),
    ...options.pulse,
  });
  const dixa = createDixaServer({ basePath: '/api/dixa', ...options.dixa });
  const handlers = [analytics.handle, chat.handle, pulse.handle, dixa.handle];
  return {
    analytics,
    chat,
    pulse,
    dixa,
    handle(req, res, next) {
      const run = (index: number): void => {
        const handler = handlers[index];
        if (!handler) return next();
        void handler(req, res, () => run(index + 1));
      };
      run(0);
    },
    async close() {
      await Promise.all([analytics.close(), chat.close(), pulse.close(), dixa.close()]);
    },
  };
}
