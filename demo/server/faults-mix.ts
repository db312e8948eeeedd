/**
 * The seeded fault mix: a share of requests gets one fault drawn from a weighted set of
 * kinds, the way a flaky network and an overloaded API fail together. One PRNG draws
 * everything (whether to fault, which kind, which status, how long), so a seed replays the
 * same faults request for request.
 */
import { z } from 'zod';
import { mulberry32 } from './mulberry32';

/**
 * The kinds the mix draws from:
 * - `serverError`: a 5xx answer, nothing applied;
 * - `rateLimited`: a 429 with `Retry-After`, nothing applied;
 * - `resetBefore`: the socket is destroyed before the request is read, nothing applied;
 * - `resetAfter`: the request is applied, then the socket is destroyed instead of answering;
 * - `slow`: the request is held, then applied and answered (while the client still waits);
 * - `late`: the request is held past the client's timeout, then applied: a commit the client
 *   never hears of, which may land after a newer write of the same record.
 */
export const MIX_FAULTS = ['serverError', 'rateLimited', 'resetBefore', 'resetAfter', 'slow', 'late'] as const;
export type MixFault = (typeof MIX_FAULTS)[number];

const ms = z.int().min(0).max(600_000);
const span = z.object({ min: ms, max: ms }).refine((value) => value.min <= value.max, { message: 'min must not exceed max' });

/** Schema of a mix, shared by the code API and the `__faults` control. */
export const mixSchema = z.object({
  /** Share of requests faulted, 0–1; 0 turns the mix off. */
  rate: z.number().min(0).max(1),
  seed: z.int(),
  /** Relative weight of each kind; a kind left out weighs 1, a weight of 0 leaves it out. */
  weights: z.partialRecord(z.enum(MIX_FAULTS), z.number().min(0)).optional(),
  /** The 5xx statuses `serverError` picks from. Default 500, 502, 503, 504. */
  statuses: z.array(z.int().min(500).max(599)).min(1).optional(),
  /** `Retry-After` of `rateLimited` (seconds or an HTTP date). Default 1. */
  retryAfter: z.union([z.string().min(1), z.int().nonnegative()]).optional(),
  /** How long `slow` holds a request. Default 100–1,000 ms. */
  slowMs: span.optional(),
  /** How long `late` holds a request: longer than the client's timeout. Default 16–20 s (the SDK's timeout is 15 s). */
  lateMs: span.optional(),
});

/** A mix as given to `Faults.mix`. */
export type MixSpec = z.input<typeof mixSchema>;

/** What the mix decided for one request. */
export type MixDecision =
  | { kind: 'serverError'; status: number }
  | { kind: 'rateLimited'; retryAfter: string | number }
  | { kind: 'resetBefore' | 'resetAfter' }
  | { kind: 'slow' | 'late'; ms: number };

/** The mix as `GET __faults` reports it: its spec with defaults filled in, and what it injected so far. */
export interface MixSnapshot {
  rate: number;
  seed: number;
  weights: Record<MixFault, number>;
  statuses: number[];
  retryAfter: string | number;
  slowMs: { min: number; max: number };
  lateMs: { min: number; max: number };
  /** Requests seen by the mix, and how many got each kind. */
  requests: number;
  injected: Record<MixFault, number>;
}

/** A running mix: one decision per request, in arrival order. */
export interface FaultMix {
  /** The fault for the next request, or undefined to leave it alone. */
  next(): MixDecision | undefined;
  snapshot(): MixSnapshot;
}

const zeroes = (): Record<MixFault, number> => ({ serverError: 0, rateLimited: 0, resetBefore: 0, resetAfter: 0, slow: 0, late: 0 });

/** Creates a mix from a spec already checked with {@link mixSchema}. */
export function createFaultMix(spec: z.output<typeof mixSchema>): FaultMix {
  const weights = { ...Object.fromEntries(MIX_FAULTS.map((kind) => [kind, 1])), ...spec.weights } as Record<MixFault, number>;
  const total = MIX_FAULTS.reduce((sum, kind) => sum + weights[kind], 0);
  const settings = {
    rate: total > 0 ? spec.rate : 0,
    seed: spec.seed,
    weights,
    statuses: spec.statuses ?? [500, 502, 503, 504],
    retryAfter: spec.retryAfter ?? 1,
    slowMs: spec.slowMs ?? { min: 100, max: 1_000 },
    lateMs: spec.lateMs ?? { min: 16_000, max: 20_000 },
  };
  const draw = mulberry32(spec.seed);
  const injected = zeroes();
  let requests = 0;

  function pickKind(): MixFault {
    let point = draw() * total;
    for (const kind of MIX_FAULTS) {
      point -= weights[kind];
      if (point < 0 && weights[kind] > 0) return kind;
    }
    // Rounding can leave the point a hair above the last weight: the last kind that weighs anything.
    return MIX_FAULTS.filter((kind) => weights[kind] > 0).at(-1) ?? 'serverError';
  }

  const within = ({ min, max }: { min: number; max: number }) => min + Math.floor(draw() * (max - min + 1));

  function decide(kind: MixFault): MixDecision {
    switch (kind) {
      case 'serverError':
        return { kind, status: settings.statuses[Math.floor(draw() * settings.statuses.length)] ?? 503 };
      case 'rateLimited':
        return { kind, retryAfter: settings.retryAfter };
      case 'slow':
        return { kind, ms: within(settings.slowMs) };
      case 'late':
        return { kind, ms: within(settings.lateMs) };
      default:
        return { kind };
    }
  }

  return {
    next() {
      requests += 1;
      if (draw() >= settings.rate) return undefined;
      const decision = decide(pickKind());
      injected[decision.kind] += 1;
      return decision;
    },
    snapshot: () => ({ ...settings, weights: { ...weights }, requests, injected: { ...injected } }),
  };
}
