/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of one field over every run. */
export const medianOf = <T>(runs: readonly T[], field: (run: T) => number): number => median(runs.map(field));

/** Runs `once` `count` times in a row (never in parallel: they would compete for the 2 cores). */
export async function repeat<T>(count: number, once: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < count; run++) results.push(await once(run));
  return results;
}

/** `value` with `digits` decimals. */
export const fixed = (value: number, digits = 1): string => value.toFixed(digits);

/** A byte count as KB with one decimal. */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
