/**
 * The analytics server's in-memory data, optionally persisted to a JSON file so the demo
 * keeps its conversations across restarts.
 */
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConversationRecord, DeletedRecord, EventRecord, FeedbackRecord } from './records';

/** The whole state as plain JSON: the persisted file's format and `GET __state`'s base. */
export interface StateSnapshot {
  version: 1;
  conversations: ConversationRecord[];
  feedback: FeedbackRecord[];
  events: EventRecord[];
  deleted: DeletedRecord[];
}

/** Options of {@link createAnalyticsState}. */
export interface AnalyticsStateOptions {
  /** JSON file to load at start (when it exists) and to write after each change. */
  dataPath?: string | undefined;
  /** Quiet time before a write, so a burst of requests costs one write. Default 50 ms. */
  debounceMs?: number;
  /** Called when a write fails; default: console.error. */
  onError?: (error: unknown) => void;
}

/**
 * The data. Maps keep insertion order, and every write re-inserts its record, so map
 * order is "least recently written first": the tie-break when timestamps are equal.
 */
export interface AnalyticsState {
  readonly conversations: Map<string, ConversationRecord>;
  readonly feedback: Map<string, FeedbackRecord>;
  readonly events: Map<string, EventRecord>;
  readonly deleted: DeletedRecord[];
  /** Call after each mutation: schedules a debounced write when persisting. */
  changed(): void;
  /** Removes everything (and persists the empty state). */
  clear(): void;
  /** The whole state as JSON-ready arrays. */
  snapshot(): StateSnapshot;
  /** Writes pending changes now; resolves when the file is up to date. */
  flush(): Promise<void>;
}

/** Reads the persisted file, failing loudly on a corrupt one rather than overwriting it. */
function load(dataPath: string): StateSnapshot | undefined {
  if (!existsSync(dataPath)) return undefined;
  const text = readFileSync(dataPath, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Cannot read analytics data ${dataPath}: ${(error as Error).message}. Fix or delete the file.`);
  }
  const v = value as Partial<StateSnapshot> | null;
  if (!v || v.version !== 1 || ![v.conversations, v.feedback, v.events, v.deleted].every(Array.isArray)) {
    throw new Error(`Cannot read analytics data ${dataPath}: not a version 1 state file. Fix or delete the file.`);
  }
  // The file is this server's own output; its shape was checked above.
  return v as StateSnapshot;
}

/** Creates the state, loading `dataPath` when it exists. */
export function createAnalyticsState(options: AnalyticsStateOptions = {}): AnalyticsState {
  const { dataPath, debounceMs = 50, onError = (error: unknown) => console.error(error) } = options;
  const initial = dataPath === undefined ? undefined : load(dataPath);
  if (dataPath !== undefined) mkdirSync(dirname(dataPath), { recursive: true });

  const conversations = new Map((initial?.conversations ?? []).map((c) => [c.id, c]));
  const feedback = new Map((initial?.feedback ?? []).map((f) => [f.id, f]));
  const events = new Map((initial?.events ?? []).map((e) => [e.id, e]));
  const deleted: DeletedRecord[] = [...(initial?.deleted ?? [])];

  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writes = Promise.resolve();
  let tmpCounter = 0;

  function snapshot(): StateSnapshot {
    return {
      version: 1,
      conversations: [...conversations.values()],
      feedback: [...feedback.values()],
      events: [...events.values()],
      deleted: [...deleted],
    };
  }

  /** Queues one write of the current state; writes never overlap. */
  function write(path: string): Promise<void> {
    dirty = false;
    const text = JSON.stringify(snapshot(), null, 2);
    // tmp + rename: a crash mid-write leaves the old file, never a truncated one.
    const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`;
    writes = writes
      .then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(tmp, text);
        await rename(tmp, path);
      })
      .catch(onError);
    return writes;
  }

  function changed(): void {
    if (dataPath === undefined) return;
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(() => void write(dataPath), debounceMs);
    // A pending write must not keep a finished test process alive; flush() covers shutdown.
    timer.unref();
  }

  return {
    conversations,
    feedback,
    events,
    deleted,
    changed,
    clear() {
      conversations.clear();
      feedback.clear();
      events.clear();
      deleted.length = 0;
      changed();
    },
    snapshot,
    async flush() {
      clearTimeout(timer);
      if (dataPath !== undefined && dirty) await write(dataPath);
      else await writes;
    },
  };
}
