import type { Handoff, HandoffStatus } from '../../sdk/handoff/handoff-answers';

/**
 * What the widget shows of the open conversation's handoff: the server's status, or
 * `requesting` while the request has not reached the confab server yet.
 */
export interface HandoffView {
  status: 'requesting' | HandoffStatus;
  /** The person assigned, once one is; `''` when the helpdesk gives no name. */
  agentName?: string | undefined;
  closedBy?: 'agent' | 'visitor' | undefined;
  /** Why something waits: the helpdesk's notice code, or `offline` when the confab server cannot be reached. */
  notice?: 'helpdesk_unavailable' | 'helpdesk_config_error' | 'offline' | undefined;
}

/** The view of a handoff as the server answered it. */
export function viewOf(handoff: Handoff): HandoffView {
  const code = handoff.notice?.code;
  return {
    status: handoff.status,
    agentName: handoff.agent ? (handoff.agent.name ?? '') : undefined,
    closedBy: handoff.closedBy,
    notice: code === 'helpdesk_unavailable' || code === 'helpdesk_config_error' ? code : undefined,
  };
}

/** While these, what the visitor types goes to the person (a closed handoff is reopened by it). */
export const isWithPerson = (view: HandoffView | undefined): boolean =>
  view !== undefined && view.status !== 'failed' && view.status !== 'deleted';
