/**
 * Usage objects (§4.4) and citations (§4.5) of the reference server. Money is computed in
 * integer units of 10⁻⁷ and written as decimal strings, as the contract requires, so no
 * binary-float rounding ever shows up in a price.
 */
import { nameUuid } from './ids';
import type { RetrieverResource } from './records';

/** The §4.4 usage object. */
export interface Usage {
  prompt_tokens: number;
  prompt_unit_price: string;
  prompt_price_unit: string;
  prompt_price: string;
  completion_tokens: number;
  completion_unit_price: string;
  completion_price_unit: string;
  completion_price: string;
  total_tokens: number;
  total_price: string;
  currency: 'USD';
  latency: number;
  time_to_first_token?: number;
  time_to_generate?: number;
}

/** A source the answerer cites; becomes one retriever resource. */
export interface AnswerSource {
  title: string;
  content: string;
  score: number;
}

/** Decimal places of every price string. */
const SCALE = 7;
/** 0.001 (unit price) × 0.001 (price unit) per prompt token = 10 units of 10⁻⁷. */
const PROMPT_UNITS_PER_TOKEN = 10;
/** 0.002 × 0.001 per completion token = 20 units of 10⁻⁷. */
const COMPLETION_UNITS_PER_TOKEN = 20;
/** Tokens a real app spends on its system prompt, so prompt usage is never zero. */
const SYSTEM_PROMPT_TOKENS = 48;

/** `units` × 10⁻⁷ as a decimal string: 2120 → "0.0002120". */
function decimal(units: number): string {
  const digits = String(units).padStart(SCALE + 1, '0');
  return `${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`;
}

/** A rough token count (about 4 characters per token), deterministic and cheap. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Seconds rounded to milliseconds, as a float. */
export function seconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** Usage of a turn whose prompt holds `promptText` and whose answer is `answer`. */
export function buildUsage(promptText: string, answer: string, timing: { latencyMs: number; firstTokenMs?: number | undefined }): Usage {
  const promptTokens = SYSTEM_PROMPT_TOKENS + countTokens(promptText);
  const completionTokens = countTokens(answer);
  const promptUnits = promptTokens * PROMPT_UNITS_PER_TOKEN;
  const completionUnits = completionTokens * COMPLETION_UNITS_PER_TOKEN;
  const usage: Usage = {
    prompt_tokens: promptTokens,
    prompt_unit_price: '0.001',
    prompt_price_unit: '0.001',
    prompt_price: decimal(promptUnits),
    completion_tokens: completionTokens,
    completion_unit_price: '0.002',
    completion_price_unit: '0.001',
    completion_price: decimal(completionUnits),
    total_tokens: promptTokens + completionTokens,
    total_price: decimal(promptUnits + completionUnits),
    currency: 'USD',
    latency: seconds(timing.latencyMs),
  };
  // Only streamed turns have a first token to time (§4.4: "streaming only").
  if (timing.firstTokenMs !== undefined) {
    usage.time_to_first_token = seconds(timing.firstTokenMs);
    usage.time_to_generate = seconds(timing.latencyMs - timing.firstTokenMs);
  }
  return usage;
}

/** The dataset every citation claims to come from. */
export const DATASET_NAME = 'confab knowledge';

/** Citations for `sources`, in order, with stable name-based ids. */
export function toRetrieverResources(sources: readonly AnswerSource[]): RetrieverResource[] {
  return sources.map((source, index) => ({
    position: index + 1,
    dataset_id: nameUuid(`dataset:${DATASET_NAME}`),
    dataset_name: DATASET_NAME,
    document_id: nameUuid(`document:${source.title}`),
    document_name: source.title,
    segment_id: nameUuid(`segment:${source.title}:${source.content}`),
    score: source.score,
    content: source.content,
  }));
}
