/**
 * Reads a site's docs from disk: every Markdown, MDX and HTML file under the given
 * folders (or the given files), sorted so the index, and therefore every answer, is the
 * same on every machine. `node:fs` is imported on use, so runtimes without a file system
 * (Cloudflare Workers) can load the server and pass documents they bundled instead.
 */
import { ConfigError } from '../../sdk/http/errors';
import { isDocPath, type DocumentInput } from './load-documents';

/** Folders never indexed: dependencies and hidden folders (`.git`, `.next`, …). */
const SKIPPED = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

/**
 * The documents under `sources` (folders or files). A document's `path` is relative to
 * the folder it was found under, or is the file's own name when the file was named; that
 * path is what `docsBaseUrl` maps to a public URL. A source that does not exist throws a
 * ConfigError naming it, and so does a folder without a single document: a typo in
 * `--docs` must not start a server that knows nothing.
 */
export async function readDocs(sources: string | readonly string[], setting = 'docs'): Promise<DocumentInput[]> {
  // Names in variables: a bundler for a runtime without files (Workers) then leaves them alone.
  const fsModule = 'node:fs/promises';
  const pathModule = 'node:path';
  const { readFile, readdir, stat } = (await import(fsModule)) as typeof import('node:fs/promises');
  const { basename, join, relative, resolve, sep } = (await import(pathModule)) as typeof import('node:path');
  const documents: DocumentInput[] = [];

  async function walk(root: string, dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED(entry.name)) await walk(root, path);
      } else if (entry.isFile() && isDocPath(entry.name)) {
        documents.push({ path: relative(root, path).split(sep).join('/'), text: await readFile(path, 'utf8') });
      }
    }
  }

  for (const source of typeof sources === 'string' ? [sources] : sources) {
    const absolute = resolve(source);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new ConfigError(setting, `${setting}: ${absolute} does not exist. Point it at the folder that holds your Markdown, MDX or HTML docs.`);
    const before = documents.length;
    if (info.isDirectory()) await walk(absolute, absolute);
    else documents.push({ path: basename(absolute), text: await readFile(absolute, 'utf8') });
    if (documents.length === before) {
      throw new ConfigError(setting, `${setting}: ${absolute} holds no .md, .markdown, .mdx, .html or .htm file. Point it at the folder of your docs.`);
    }
  }
  return documents;
}
