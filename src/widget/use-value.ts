import type { ReadonlySignal } from '@preact/signals-core';
import { useLayoutEffect, useReducer } from 'preact/hooks';

/**
 * The current value of a signal, re-rendering the component when it changes. The
 * @preact/signals adapter would do this for every `.value` read, at the cost of a third
 * more signals code in the script-tag bundle; explicit subscriptions also make plain
 * which component re-renders on which change (only the streaming text, per token).
 */
export function useValue<T>(source: ReadonlySignal<T>): T;
export function useValue<T>(source: ReadonlySignal<T> | undefined): T | undefined;
export function useValue<T>(source: ReadonlySignal<T> | undefined): T | undefined {
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  useLayoutEffect(() => source?.subscribe(() => rerender(undefined)), [source]);
  return source?.peek();
}
