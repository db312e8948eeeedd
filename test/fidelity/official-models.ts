/**
 * The official models of the analytics API, as `@inkeep/inkeep-analytics` ships them (zod
 * schemas generated from the service's openapi.json), and two ways of holding confab to them:
 * {@link strictly}, a copy of a model that refuses any key the model does not name, and
 * {@link samplesOf}, wire-format instances a model accepts (only the required keys, every key,
 * nulls wherever allowed, the other side of every union), which confab's reads must accept.
 */
import * as components from '@inkeep/inkeep-analytics/models/components';
import * as operations from '@inkeep/inkeep-analytics/models/operations';
import { z } from 'zod';

/** The official request models, by route. */
export const REQUEST_MODELS = {
  'POST /conversations': components.CreateConversation$inboundSchema,
  'POST /feedback': operations.LogFeedbackRequestBody$inboundSchema,
  'POST /events': components.InsertEvent$inboundSchema,
} as const;

/** The official response models of the endpoints confab reads, by route. */
export const RESPONSE_MODELS = {
  'POST /conversations': components.Conversation$inboundSchema,
  'GET /conversations/{id}': components.Conversation$inboundSchema,
  'GET /conversations': operations.GetAllConversationResponseBody$inboundSchema,
  'DELETE /conversations/{id}': operations.DeleteConversationResponseBody$inboundSchema,
  'POST /feedback': operations.LogFeedbackResponseBody$inboundSchema,
  'GET /feedback': components.GetAllFeedbackResponse$inboundSchema,
  'GET /feedback/{id}': operations.GetFeedbackByIdResponseBody$inboundSchema,
  'POST /events': components.SelectEvent$inboundSchema,
} as const;

// The SDK builds its schemas with the project's zod (its peer dependency), so their
// definitions are zod 4's: `_zod.def` with a `type` per kind.
type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const asSchema = (value: unknown) => value as z.ZodType;

/**
 * `schema` with every object strict: an unknown key anywhere is an error instead of being
 * dropped, as the models do by default (and the real service, which strips unknown keys
 * silently). Objects that declare extra keys open (`userProperties`' catchall) stay open.
 */
export function strictly(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def['shape'] as Record<string, z.ZodType>).map(([key, value]) => [key, strictly(value)]));
      const catchall = def['catchall'] as z.ZodType | undefined;
      return catchall && defOf(catchall).type !== 'never' ? z.object(shape).catchall(catchall) : z.strictObject(shape);
    }
    case 'optional':
      return strictly(asSchema(def['innerType'])).optional();
    case 'nullable':
      return strictly(asSchema(def['innerType'])).nullable();
    case 'array':
      return z.array(strictly(asSchema(def['element'])));
    case 'union':
      return z.union((def['options'] as z.ZodType[]).map(strictly) as [z.ZodType, z.ZodType]);
    case 'intersection':
      return z.intersection(strictly(asSchema(def['left'])), strictly(asSchema(def['right'])));
    case 'lazy':
      return z.lazy(() => strictly((def['getter'] as () => z.ZodType)()));
    case 'pipe':
      return strictly(asSchema(def['in'])).pipe(asSchema(def['out']));
    default:
      return schema;
  }
}

/**
 * Which instance of a model to make: only its required keys (nullable ones `null`), every key,
 * every key `null` where it may be, every key with the scalars `null` where they may be (so
 * the objects that hold them are there), or every key with the last option of each union and
 * enum.
 */
export type SampleMode = 'required' | 'every key' | 'nulls' | 'scalar nulls' | 'other options';

const SAMPLE_TIME = '2026-11-21T12:00:00.000Z';

/** A wire-format value `schema` accepts, shaped by `mode`. */
export function sampleOf(schema: z.ZodType, mode: SampleMode): unknown {
  const def = defOf(schema);
  const inner = (key: string) => sampleOf(asSchema(def[key]), mode);
  switch (def.type) {
    case 'object': {
      const entries = Object.entries(def['shape'] as Record<string, z.ZodType>).filter(([, value]) => mode !== 'required' || defOf(value).type !== 'optional');
      return Object.fromEntries(entries.map(([key, value]) => [key, sampleOf(value, mode)]));
    }
    case 'optional':
      return inner('innerType');
    case 'nullable': {
      const scalar = !['object', 'array', 'lazy', 'union', 'intersection', 'record'].includes(defOf(def['innerType']).type);
      return mode === 'required' || mode === 'nulls' || (mode === 'scalar nulls' && scalar) ? null : inner('innerType');
    }
    case 'array':
      return [inner('element')];
    case 'union': {
      const options = def['options'] as z.ZodType[];
      return sampleOf(mode === 'other options' ? options.at(-1)! : options[0]!, mode);
    }
    case 'intersection':
      return { ...(inner('left') as object), ...(inner('right') as object) };
    case 'lazy':
      return sampleOf((def['getter'] as () => z.ZodType)(), mode);
    case 'pipe':
      return inner('in');
    case 'enum': {
      const values = Object.values(def['entries'] as Record<string, string>);
      return mode === 'other options' ? values.at(-1) : values[0];
    }
    case 'literal':
      return (def['values'] as unknown[])[0];
    case 'string':
      // A timestamp passes every string of the models, date-time ones included.
      return SAMPLE_TIME;
    case 'number':
      return 7;
    case 'boolean':
      return true;
    case 'record':
      return { plan: 'pro' };
    case 'any':
    case 'unknown':
      return 'anything';
    default:
      throw new Error(`sampleOf: no sample for a zod "${def.type}"`);
  }
}

export const SAMPLE_MODES: readonly SampleMode[] = ['required', 'every key', 'nulls', 'scalar nulls', 'other options'];

/** The samples of `schema` in every mode, each checked to pass the model itself. */
export function samplesOf(schema: z.ZodType): Array<{ mode: SampleMode; sample: unknown }> {
  return SAMPLE_MODES.map((mode) => {
    const sample = sampleOf(schema, mode);
    const parsed = schema.safeParse(sample);
    if (!parsed.success) throw new Error(`The official model refuses its own "${mode}" sample: ${z.prettifyError(parsed.error)}`);
    return { mode, sample };
  });
}
