/** Reading an OpenAI completion stream in tests: the events, the answer text, the sources. */

/** The `data:` payloads of an SSE body, in order ('[DONE]' included as the string). */
export function sseData(text: string): unknown[] {
  return text
    .split('\n\n')
    .flatMap((event) => event.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as unknown)));
}

type Chunk = { choices?: Array<{ delta?: { content?: string; tool_calls?: Array<{ index: number; function?: { name?: string; arguments?: string } }> } }>; error?: { code?: string; message?: string } };

/** The answer text of a stream: every content delta joined. */
export const answerOf = (events: readonly unknown[]): string =>
  events.map((event) => (typeof event === 'object' ? ((event as Chunk).choices?.[0]?.delta?.content ?? '') : '')).join('');

/** The links of the stream's `provideLinks` calls, by tool-call index. */
export function linksOf(events: readonly unknown[]): Array<{ url: string; title: string }> {
  const calls = new Map<number, { name: string; args: string }>();
  for (const event of events) {
    for (const call of typeof event === 'object' ? ((event as Chunk).choices?.[0]?.delta?.tool_calls ?? []) : []) {
      const entry = calls.get(call.index) ?? { name: '', args: '' };
      entry.name += call.function?.name ?? '';
      entry.args += call.function?.arguments ?? '';
      calls.set(call.index, entry);
    }
  }
  return [...calls.values()].filter((call) => call.name === 'provideLinks').flatMap((call) => (JSON.parse(call.args) as { links: Array<{ url: string; title: string }> }).links);
}

/** The error event of a stream, if it ended with one. */
export const streamError = (events: readonly unknown[]): Chunk['error'] | undefined =>
  events.map((event) => (typeof event === 'object' ? (event as Chunk).error : undefined)).find((error) => error !== undefined);
