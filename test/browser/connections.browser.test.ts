// IndexedDB connections in each engine (issue 10.8): a widget mounted and unmounted a hundred
// times (an SPA's route changes) leaves no connection open, so deleting or upgrading its
// databases is never blocked by the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchEngine, type Engine } from './engines/launch';
import type { Page } from './engines/page';
import { startTestServer, type TestServer } from './test-server';

let engine: Engine;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  engine = await launchEngine({ host: server.initScriptHost });
});
afterAll(async () => {
  await engine?.close();
  await server?.close();
});

/** Deletes database `name` from the page; resolves with whether the page's own connections blocked it. */
function deleteDatabase(page: Page, name: string): Promise<'deleted' | 'blocked'> {
  return page.evaluate(
    (database) =>
      new Promise<'deleted' | 'blocked'>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(database);
        request.onblocked = () => resolve('blocked');
        request.onsuccess = () => resolve('deleted');
        request.onerror = () => reject(request.error);
      }),
    name,
  );
}

describe('IndexedDB connections', () => {
  it('10.8 after 100 mounts and unmounts of a logging widget, its databases are deleted without being blocked', async () => {
    const context = await engine.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/widget.html?store=cycles`);
    await page.inWidget('[part~=launcher]').waitFor();
    await page.evaluate(async () => {
      const widget = document.querySelector('confab-chat')!;
      widget.setAttribute('analytics-url', '/api/analytics');
      widget.setAttribute('analytics-key', 'confab-demo-web-key');
      for (let cycle = 0; cycle < 100; cycle++) {
        widget.remove();
        await new Promise((resolve) => setTimeout(resolve, 5));
        document.body.append(widget);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      widget.remove();
      // The last unmount's clean-up (the final flush, then the close) is asynchronous.
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    expect(await deleteDatabase(page, 'confab-chat-cycles')).toBe('deleted');
    expect(await deleteDatabase(page, 'confab-outbox-cycles')).toBe('deleted');
    await context.close();
  });
});
