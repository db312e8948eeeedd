/**
 * The optional JSON file of the Dixa server's conversations (`dataPath`), so a restarted
 * server answers the same polls: written 50 ms after the last change, through a tmp file
 * renamed over the real one (a crash mid-write leaves the old file), like the analytics
 * server's.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ConversationRecord } from './records';

/** What the file holds: the conversations and the id counter; the fixture's org data is not saved. */
export interface SavedState {
  version: 1;
  nextConversationId: number;
  conversations: ConversationRecord[];
}

/** Debounced writes of one file. */
export interface StateFile {
  /** The saved state, read at creation; undefined when the file does not exist yet. */
  readonly initial: SavedState | undefined;
  /** Schedules a write of `snapshot()`. */
  changed(): void;
  /** Writes a pending change now. */
  flush(): Promise<void>;
}

/** Reads the file, failing loudly on a corrupt one rather than overwriting it. */
function load(path: string): SavedState | undefined {
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read Dixa data ${path}: ${(error as Error).message}. Fix or delete the file.`);
  }
  const saved = value as Partial<SavedState> | null;
  if (!saved || saved.version !== 1 || !Array.isArray(saved.conversations) || !Number.isSafeInteger(saved.nextConversationId)) {
    throw new Error(`Cannot read Dixa data ${path}: not a version 1 state file. Fix or delete the file.`);
  }
  // The file is this server's own output; its shape was checked above.
  return saved as SavedState;
}

/** Opens `path` (loading it when it exists); `snapshot` gives what to write. */
export function openStateFile(path: string, snapshot: () => SavedState, onError: (error: unknown) => void = (error) => console.error(error)): StateFile {
  const initial = load(path);
  mkdirSync(dirname(path), { recursive: true });
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writes = Promise.resolve();
  let tmpCounter = 0;

  function write(): Promise<void> {
    dirty = false;
    const text = JSON.stringify(snapshot(), null, 2);
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

  return {
    initial,
    changed() {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(() => void write(), 50);
      // A pending write must not keep a finished process alive; flush() covers shutdown.
      timer.unref();
    },
    async flush() {
      clearTimeout(timer);
      if (dirty) await write();
      else await writes;
    },
  };
}
