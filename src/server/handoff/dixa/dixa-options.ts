/**
 * The operator's Dixa settings (`handoff.dixa`), checked with zod at start. The API cannot
 * list or create end users, queues or tags (contracts/dixa.md §4), so every id comes from
 * the operator, who looks them up in Dixa's admin; a wrong one is named here, or by the
 * first refused call (`onError`), never guessed.
 */
import { z } from 'zod';

/** What `handoff.dixa` takes. */
export interface DixaHandoffOptions {
  /** Dixa's API host, without `/v1`. Default `https://dev.dixa.io`. */
  baseUrl?: string | undefined;
  /**
   * The API token of a Dixa user (an admin makes it). Sent as given in `Authorization`:
   * the bare token (Dixa's default), or `Bearer <token>`.
   */
  apiToken: string;
  /** The Dixa end user every handoff conversation is created for (§4.1): the API cannot create one per visitor. */
  requesterId: string;
  /** The queue handoffs are offered in. */
  queueId: string;
  /**
   * How the conversation is created (§4.2, GAP 1): `email` (default, the one fully
   * documented shape; then transferred to `queueId`) or `endpoint` (`contactEndpointId`,
   * `direction`, `queueId`, `requesterId`).
   */
  createShape?: 'email' | 'endpoint' | undefined;
  /** For `email`: the integration address, `…@email.dixa.io`. */
  emailIntegrationId?: string | undefined;
  /** For `endpoint`: the contact endpoint of a flow (e.g. a chat widget's). */
  contactEndpointId?: string | undefined;
  /** For `endpoint`: the create body's `_type`, when Dixa needs one. */
  createType?: string | undefined;
  /** An Active tag put on every handoff conversation. */
  handoffTagId?: string | undefined;
  /** A Text custom attribute set to confab's conversation id. */
  conversationAttributeId?: string | undefined;
  /** The agent or admin the transcript notes are written as. Default: the token's user. */
  noteAgentId?: string | undefined;
  /** Starts each conversation's subject. Default `Chat handoff: `. */
  subjectPrefix?: string | undefined;
  /** Longest wait for one Dixa call. Default 10,000 ms. */
  timeoutMs?: number | undefined;
}

/** The settings after checking, defaults filled. */
export interface ResolvedDixaOptions {
  baseUrl: string;
  apiToken: string;
  requesterId: string;
  queueId: string;
  createShape: 'email' | 'endpoint';
  emailIntegrationId: string | undefined;
  contactEndpointId: string | undefined;
  createType: string | undefined;
  handoffTagId: string | undefined;
  conversationAttributeId: string | undefined;
  noteAgentId: string | undefined;
  subjectPrefix: string;
  timeoutMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A string, with its own text for a missing one (`required`) and for another type. */
const text = (required: string, wrong: string) => z.string({ error: (issue) => (issue.input === undefined ? required : wrong) });
const uuidRule = (what: string) => `must be the uuid of ${what} (Dixa's admin shows it), e.g. "92f8d193-b26f-4a62-86a3-bb03ee0915e9"`;
const uuid = (what: string, required = uuidRule(what)) => text(required, uuidRule(what)).regex(UUID, uuidRule(what));

/** The schema of `handoff.dixa`; paths in its errors are relative to it. */
export const dixaOptionsSchema = z
  .strictObject({
    baseUrl: z
      .string()
      .refine((value) => {
        try {
          return /^https?:$/.test(new URL(value).protocol);
        } catch {
          return false;
        }
      }, 'must be an absolute http(s) URL, e.g. "https://dev.dixa.io"')
      .refine((value) => !/\/v1\/?$/.test(value), 'must be the host without /v1 (confab adds the /v1/… paths), e.g. "https://dev.dixa.io"')
      .optional(),
    apiToken: text('is required: the API token of a Dixa user (an admin makes it in Dixa\'s settings)', 'must be the Dixa API token as a string').regex(
      /^(?:Bearer )?\S+$/,
      'must be the Dixa API token, bare or as "Bearer <token>", without spaces',
    ),
    requesterId: uuid('the Dixa end user handoffs are created for', 'is required: the uuid of the Dixa end user handoffs are created for (the API cannot create one per visitor)'),
    queueId: uuid('the Dixa queue handoffs are offered in', 'is required: the uuid of the Dixa queue handoffs are offered in'),
    createShape: z.enum(['email', 'endpoint'], 'must be "email" or "endpoint"').optional(),
    emailIntegrationId: z.string().regex(/^\S+@\S+$/, 'must be the email integration address, e.g. "support@email.dixa.io"').optional(),
    contactEndpointId: z.string().min(1, 'must not be empty').optional(),
    createType: z.string().min(1, 'must not be empty').optional(),
    handoffTagId: uuid('an Active tag').optional(),
    conversationAttributeId: uuid('a Text custom attribute').optional(),
    noteAgentId: uuid('an agent or admin').optional(),
    subjectPrefix: z.string().max(200, 'must be at most 200 characters').optional(),
    timeoutMs: z.int('must be a whole number').min(100, 'must be at least 100').max(120_000, 'must be at most 120000').optional(),
  })
  .superRefine((value, context) => {
    if ((value.createShape ?? 'email') === 'email' && value.emailIntegrationId === undefined) {
      context.addIssue({ code: 'custom', path: ['emailIntegrationId'], message: 'is required with createShape "email": the Dixa email integration address (…@email.dixa.io) the conversation is created on' });
    }
    if (value.createShape === 'endpoint' && value.contactEndpointId === undefined) {
      context.addIssue({ code: 'custom', path: ['contactEndpointId'], message: 'is required with createShape "endpoint": the contact endpoint of the Dixa flow (e.g. your chat widget\'s)' });
    }
  });

/** Fills the defaults of checked settings. */
export function resolveDixaOptions(options: z.output<typeof dixaOptionsSchema>): ResolvedDixaOptions {
  return {
    baseUrl: (options.baseUrl ?? 'https://dev.dixa.io').replace(/\/+$/, ''),
    apiToken: options.apiToken,
    requesterId: options.requesterId.toLowerCase(),
    queueId: options.queueId.toLowerCase(),
    createShape: options.createShape ?? 'email',
    emailIntegrationId: options.emailIntegrationId,
    contactEndpointId: options.contactEndpointId,
    createType: options.createType,
    handoffTagId: options.handoffTagId?.toLowerCase(),
    conversationAttributeId: options.conversationAttributeId?.toLowerCase(),
    noteAgentId: options.noteAgentId?.toLowerCase(),
    subjectPrefix: options.subjectPrefix ?? 'Chat handoff: ',
    timeoutMs: options.timeoutMs ?? 10_000,
  };
}
