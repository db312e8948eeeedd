/**
 * The model server the tests put behind the confab server: the reference OpenAI-compatible
 * chat server (demo/server/chat, the contract's stand-in, with its scripts for every way a
 * stream fails), wrapped to record what reached it: method, path, headers, body, and
 * whether the confab server aborted the request. In `grounded` mode it answers instead
 * from the first docs excerpt the confab server put in the system message, as a model
 * told to answer from the docs would, so a test can see the site's docs in the answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createChatServer, type ChatServer, type ChatServerOptions } from '../../../demo/server/chat/create-chat-server';
import { corpusKnowledgeBase } from '../knowledge/corpus-fixture';

/** One request as the upstream received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:PORT/v1`: what `upstream.baseUrl` takes. */
  baseUrl: string;
  chat: ChatServer;
  requests: RecordedRequest[];
  /** Requests whose connection the client closed before the answer ended. */
  aborted: number;
  /** Answer from the system message's first excerpt (true) or as the reference server does (false). */
  grounded: boolean;
  close(): Promise<void>;
}

/** The first excerpt's title and first sentence, from the grounding system message. */
function excerptOf(body: Record<string, unknown> | undefined): { title: string; sentence: string } | undefined {
  const messages = (body?.messages ?? []) as Array<{ role: string; content: string }>;
  const system = messages.find((message) => message.role === 'system')?.content ?? '';
  const match = /^\[1\] (.+) \(.+\)\n([^\n]+)/m.exec(system);
  if (!match) return undefined;
  return { title: match[1]?.split(' › ').at(-1) ?? '', sentence: (match[2] ?? '').split(/(?<=\.)\s/)[0] ?? '' };
}

/** Streams `text` word by word as OpenAI chunks, with a usage chunk. */
function streamText(res: ServerResponse, text: string, model: string): void {
  const head = { id: 'chatcmpl-grounded', object: 'chat.completion.chunk', created: 1_767_225_600, model };
  const frame = (payload: unknown) => `data: ${JSON.stringify(payload)}\n\n`;
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  res.write(frame({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
  for (const word of text.match(/\s*\S+/g) ?? []) res.write(frame({ ...head, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] }));
  res.write(frame({ ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  res.write(frame({ ...head, choices: [], usage: { prompt_tokens: 100, completion_tokens: 7, total_tokens: 107 } }));
  res.end('data: [DONE]\n\n');
}

/** Starts the upstream on a free port of 127.0.0.1. Options go to the reference chat server (default: unpaced). */
export async function startFakeUpstream(options: ChatServerOptions & { grounded?: boolean } = {}): Promise<FakeUpstream> {
  const { grounded = false, ...chatOptions } = options;
  const chat = createChatServer({ basePath: '/v1', tokenDelayMs: 0, knowledge: corpusKnowledgeBase(), testRoutes: false, ...chatOptions });
  const upstream = { requests: [] as RecordedRequest[], aborted: 0, grounded };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('close', () => {
      if (!res.writableFinished) upstream.aborted++;
    });
    const record: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: undefined };
    upstream.requests.push(record);
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      try {
        record.body = chunks.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : undefined;
      } catch {
        record.body = undefined;
      }
      if (upstream.grounded) {
        const excerpt = excerptOf(record.body);
        streamText(res, excerpt ? `From the docs on ${excerpt.title} [1]: ${excerpt.sentence}` : 'The docs do not cover this.', String(record.body?.model ?? ''));
        return;
      }
      // The body was read here, so the reference server reads a copy of it.
      const copy = Object.assign(Readable.from([raw]), { method: req.method, url: req.url, headers: req.headers, socket: req.socket });
      void chat.handle(copy as unknown as IncomingMessage, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(upstream, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    chat,
    async close() {
      server.closeAllConnections();
      await chat.close();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}
