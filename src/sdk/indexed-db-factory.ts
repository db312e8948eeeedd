/**
 * The browser's `indexedDB` (an `IDBFactory`), or a stand-in such as fake-indexeddb's. Named
 * through `globalThis` rather than as the DOM's `IDBFactory`, so that the SDK's declarations
 * compile in a project without the DOM library (a Node server importing `confab-chat/sdk`),
 * where it is `unknown`.
 */
export type IndexedDBFactory = typeof globalThis extends { indexedDB: infer Factory } ? Factory : unknown;
