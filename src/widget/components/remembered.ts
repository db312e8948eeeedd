/** The part of `localStorage` the widget uses to remember a choice of the reader's. */
export type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

const kept = new Map<string, string>();
/** Where `localStorage` is missing or refuses (blocked storage, a sandboxed frame): this page only. */
const inMemory: ChoiceStorage = { getItem: (key) => kept.get(key) ?? null, setItem: (key, value) => void kept.set(key, value) };

/** `localStorage`, if the page may use it; else a memory for as long as the page lives. */
export function pageStorage(): ChoiceStorage {
  try {
    // Reading the property itself throws where storage is blocked.
    const storage = globalThis.localStorage;
    storage.getItem('confab');
    return storage;
  } catch {
    return inMemory;
  }
}

/** Reads a remembered choice; a storage that throws reads as none. */
export function recall(storage: ChoiceStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return inMemory.getItem(key);
  }
}

/** Remembers a choice; where the storage refuses (full, blocked), for this page only. */
export function remember(storage: ChoiceStorage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    inMemory.setItem(key, value);
  }
}
