/**
 * Cases that cannot run in every engine. A case that needs what an engine's automation
 * lacks (see `EngineLacks`) is still registered there, as a skipped case whose name says
 * which engine and why, so every run's report lists it: never skipped silently.
 */
import { it } from 'vitest';
import { currentEngine, type EngineName } from './engine';

/** Why a case cannot run in an engine, per engine. */
export type NotIn = Partial<Record<EngineName, string>>;

/**
 * `it`, except in the engines named in `notIn`: there the case is skipped, and its name
 * ends with `[not in <engine>: <why>]`.
 *
 * ```ts
 * itExceptIn({ webkit: 'classic WebDriver has no offline switch' })('2. offline, …', async () => { … });
 * ```
 */
export function itExceptIn(notIn: NotIn) {
  const engine = currentEngine();
  const why = notIn[engine];
  return (name: string, body: () => Promise<void>, timeout?: number): void => {
    if (why === undefined) it(name, body, timeout);
    else it.skip(`${name} [not in ${engine}: ${why}]`, body, timeout);
  };
}
