import { ConfabError, toConfabError } from '../sdk/http/errors';
import { chunkFile, type Chunks } from './load-panel';

/** A chunk that could not be loaded, named (where the build knows its file), with what still works and how to fix it. */
export function chunkLoadError(name: keyof Chunks, cause: unknown, meanwhile: string): ConfabError {
  const file = chunkFile(name) ?? `the ${name} chunk`;
  return new ConfabError('chunk_load_failed', `confab could not load ${file}: ${toConfabError(cause).message}. Host it beside confab.js; ${meanwhile}.`, { cause });
}
