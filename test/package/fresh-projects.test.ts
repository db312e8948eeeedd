// Issue 13, "The package": the package as users get it. `npm pack`, then the tarball installed
// by npm into fresh Vite projects in a temp folder (plain TypeScript, React 19, Vue 3) that
// import it by its published names; each is type-checked against the packed declarations,
// built by Vite, and run in Chromium, where the element answers through a custom provider.
// The same tarball goes through publint and @arethetypeswrong/cli, which must report nothing.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium';
import { assertFreshBuild } from '../acceptance/support/acceptance-server';
import { chromiumReaderPage } from '../browser/engines/chromium';
import { installInto, pack, ROOT, sh, type PackedTarball } from './support/packed-package';
import { startStaticServer } from './support/static-server';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const TYPE_TESTS = join(ROOT, 'test', 'types');
const bin = (app: string, path: string) => join(app, 'node_modules', path);

let work = '';
let app = '';
let tarball: PackedTarball;

beforeAll(async () => {
  assertFreshBuild();
  work = await mkdtemp(join(tmpdir(), 'confab-package-'));
  tarball = await pack(work);
  app = join(work, 'app');
  await installInto(app, tarball.path);
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** The repository's type tests each fresh project compiles with its own sources. */
const TYPE_TESTS_OF: Record<string, readonly string[]> = { ts: ['element-usage.ts'], react: ['react-usage.tsx'], vue: ['vue-usage.ts'] };
const projects = new Map<string, Promise<string>>();

/** The fixture project `name` copied into the app (once), with its type tests. */
function project(name: string): Promise<string> {
  const dir = join(app, name);
  let copied = projects.get(name);
  if (!copied) {
    copied = (async () => {
      await cp(join(FIXTURES, name), dir, { recursive: true });
      for (const file of TYPE_TESTS_OF[name] ?? []) await cp(join(TYPE_TESTS, file), join(dir, 'src', file));
      return dir;
    })();
    projects.set(name, copied);
  }
  return copied;
}

const tsc = (dir: string, config = 'tsconfig.json') => sh(process.execPath, [bin(app, 'typescript/bin/tsc'), '-p', config], dir);
const viteBuild = (dir: string, base: string) => sh(process.execPath, [bin(app, 'vite/bin/vite.js'), 'build', '--base', base, '--logLevel', 'warn'], dir);

// publint and attw each unpack and read the whole tarball: half a minute on a loaded 2-core machine.
describe('the packed tarball', () => {
  it('1. holds the build, the docs and the README, and nothing of the sources, tests or demo', () => {
    const top = new Set(tarball.files.map((file) => file.split('/')[0]));
    expect([...top].sort()).toEqual(['README.md', 'dist', 'docs', 'package.json']);
    for (const file of ['dist/confab.js', 'dist/index.js', 'dist/sdk.js', 'dist/element.js', 'dist/server/index.js', 'dist/server/cli.js', 'dist/types/index.d.ts', 'dist/types/element.d.ts', 'dist/types/sdk/index.d.ts', 'dist/types/server/index.d.ts', 'dist/types/jsx/react.d.ts', 'dist/types/jsx/vue.d.ts', 'docs/analytics-api.md']) {
      expect(tarball.files, file).toContain(file);
    }
  });

  it('2. publint finds nothing to report, even in strict mode', async () => {
    const output = await sh(process.execPath, [join(ROOT, 'node_modules/publint/src/cli.js'), '--strict', tarball.path], ROOT);
    expect(output).toContain('All good!');
  }, 120_000);

  // The package is ESM only (`"type": "module"`, Node 20.19+): a CommonJS `require` of it gets
  // ESM, which attw reports as `cjs-resolves-to-esm`. That is the design, so that rule alone is
  // off; every resolution mode (node10, node16 from ESM, bundler) must find every entry's types.
  it('3. @arethetypeswrong/cli finds every entry typed under every resolution mode (ESM only by design)', async () => {
    const output = await sh(process.execPath, [join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball.path, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped', '--no-emoji', '--no-color'], ROOT);
    expect(output).toContain('No problems found');
  }, 120_000);
});

describe('fresh projects', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Builds the project with Vite, opens it, sends a question through the element, and waits for the custom provider's answer. */
  async function buildsAndAnswers(name: string, dir: string, answer: string): Promise<void> {
    await viteBuild(dir, `/${name}/`);
    const served = await startStaticServer({ [`/${name}/`]: join(dir, 'dist') });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const { errors } = chromiumReaderPage(page);
      await page.goto(`${served.url}/${name}/`);
      await page.locator('confab-chat [part~=launcher]').waitFor();
      await page.evaluate(() => document.querySelector('confab-chat')!.send('Are you there?'));
      await page.waitForFunction((expected) => document.title === expected, answer);
      expect(await page.locator('confab-chat li.message.assistant').innerText()).toContain(answer);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await served.close();
    }
  }

  it('4. plain TypeScript: `import "confab-chat/element"` types the element, its config and its events; Vite builds it; it answers', async () => {
    const dir = await project('ts');
    await tsc(dir);
    await buildsAndAnswers('ts', dir, 'Answered by the TypeScript app.');
  }, 120_000);

  it('5. Node (nodenext): `confab-chat/server` and `confab-chat/sdk` compile as Node resolves them and run', async () => {
    const dir = await project('ts');
    await tsc(dir, 'tsconfig.node.json');
    const output = await sh(process.execPath, [join(dir, 'server-dist/server.js')], dir);
    expect(JSON.parse(output)).toEqual({ health: 200, pending: 1, report: 0 });
    expect(await sh(process.execPath, [bin(app, '.bin/confab-chat'), '--help'], dir)).toContain('Usage: confab-chat serve');
  }, 60_000);

  it('6. React 19: <confab-chat> typed in JSX by `confab-chat/jsx/react`; @vitejs/plugin-react builds it; it answers', async () => {
    const dir = await project('react');
    await tsc(dir);
    await buildsAndAnswers('react', dir, 'Answered by the React app.');
  }, 120_000);

  it('7. Vue 3: a single-file component renders <confab-chat> (typed by `confab-chat/jsx/vue`); @vitejs/plugin-vue builds it; it answers', async () => {
    const dir = await project('vue');
    await tsc(dir);
    await buildsAndAnswers('vue', dir, 'Answered by the Vue app.');
  }, 120_000);
});
