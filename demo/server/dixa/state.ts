/**
 * The Dixa reference server's data (contracts/dixa.md §6): the organisation from the
 * fixture (users, queues, tags, attribute definitions, flows, integrations) and the
 * conversations, which start as the fixture's and may be kept in a file.
 */
import type { DixaFixture } from './fixture';
import type { ConversationRecord, CustomAttributeDef, QueueRecord, TagRecord, UserRecord } from './records';
import { openStateFile, type SavedState, type StateFile } from './state-file';

/** Options of {@link createDixaState}. */
export interface DixaStateOptions {
  fixture: DixaFixture;
  /** JSON file holding the conversations across restarts; absent → memory only. */
  dataPath?: string | undefined;
}

/** The data, with the organisation lookups the routes need. */
export interface DixaState {
  readonly fixture: DixaFixture;
  /** By id, in creation order. */
  readonly conversations: Map<number, ConversationRecord>;
  user(id: string): UserRecord | undefined;
  /** The user when it is an agent or an admin (who may act on conversations). */
  agent(id: string): UserRecord | undefined;
  queue(id: string): QueueRecord | undefined;
  /** The organisation's default queue (§3.21). */
  defaultQueue(): QueueRecord;
  tag(id: string): TagRecord | undefined;
  attribute(id: string): CustomAttributeDef | undefined;
  /** True when any message of the organisation carries `externalId` (uniqueness is org-wide, §6). */
  hasExternalId(externalId: string): boolean;
  /** Takes the next free conversation id. */
  takeConversationId(): number;
  /** Call after each change: schedules a write when persisting. */
  changed(): void;
  /** Back to the fixture's conversations and id counter. */
  reset(): void;
  /** Plain JSON for `GET __test/state`. */
  snapshot(): unknown;
  /** Writes pending changes. */
  flush(): Promise<void>;
}

/** Throws a RangeError for a fixture the server cannot run on: misuse, not a runtime fault. */
function checkFixture(fixture: DixaFixture): QueueRecord {
  const defaults = fixture.queues.filter((q) => q.isDefault);
  const [fallback] = defaults;
  if (defaults.length !== 1 || !fallback) throw new RangeError(`The Dixa fixture needs exactly one queue with isDefault: true; it has ${defaults.length}.`);
  if (!fixture.users.some((u) => u.id === fixture.tokenUserId)) throw new RangeError(`The Dixa fixture's tokenUserId ${fixture.tokenUserId} is not one of its users.`);
  return fallback;
}

/** Creates the state from the fixture, or from `dataPath` when that file exists. */
export function createDixaState(options: DixaStateOptions): DixaState {
  const { fixture } = options;
  const fallbackQueue = checkFixture(fixture);
  const conversations = new Map<number, ConversationRecord>();
  let nextId = fixture.firstConversationId;

  const saved = (): SavedState => ({ version: 1, nextConversationId: nextId, conversations: [...conversations.values()] });
  const file: StateFile | undefined = options.dataPath === undefined ? undefined : openStateFile(options.dataPath, saved);

  function load(from: SavedState): void {
    conversations.clear();
    // A deep copy: routes mutate records, and the fixture must stay as declared.
    for (const conversation of structuredClone(from.conversations)) conversations.set(conversation.id, conversation);
    nextId = from.nextConversationId;
  }
  const seed = (): SavedState => ({ version: 1, nextConversationId: fixture.firstConversationId, conversations: fixture.conversations });
  load(file?.initial ?? seed());

  const byId = <T extends { id: string }>(list: readonly T[], id: string): T | undefined => list.find((item) => item.id === id);

  return {
    fixture,
    conversations,
    user: (id) => byId(fixture.users, id),
    agent(id) {
      const user = byId(fixture.users, id);
      return user && user.role !== 'EndUser' ? user : undefined;
    },
    queue: (id) => byId(fixture.queues, id),
    defaultQueue: () => fallbackQueue,
    tag: (id) => byId(fixture.tags, id),
    attribute: (id) => byId(fixture.customAttributes, id),
    hasExternalId(externalId) {
      for (const conversation of conversations.values()) {
        if (conversation.messages.some((m) => m.externalId === externalId)) return true;
      }
      return false;
    },
    takeConversationId() {
      while (conversations.has(nextId)) nextId += 1;
      const id = nextId;
      nextId += 1;
      return id;
    },
    changed() {
      file?.changed();
    },
    reset() {
      load(seed());
      file?.changed();
    },
    snapshot() {
      const { users, queues, tags, customAttributes, flows, emailIntegrations, tokenUserId } = fixture;
      return { tokenUserId, users, queues, tags, customAttributes, flows, emailIntegrations, nextConversationId: nextId, conversations: [...conversations.values()] };
    },
    flush: () => file?.flush() ?? Promise.resolve(),
  };
}
