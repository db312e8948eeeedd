import { handoffOf } from '../handoff/handoff-registry';
import { offerUnder } from '../handoff/offer-person';
import { WidgetComponent } from '../widget-component';
import type { WidgetContextValue } from '../widget-context';
import { HandoffRating } from './handoff-rating';

/**
 * Above the composer: "Talk to a person" when the operator offers it under an answer; while
 * handed over, the honest expectation (a person replies here; the visitor may leave and
 * come back), why something waits, and End; once the chat ended, the rating and the way
 * back to the assistant; when no person could be reached, Try again.
 */
export class HandoffBar extends WidgetComponent {
  view(_props: object, { chat, strings, act }: WidgetContextValue) {
    const handoff = handoffOf(chat);
    if (!chat || !handoff) return null;
    const texts = strings.handoff;
    const view = handoff.view.value;
    const conversation = chat.conversation.value;
    if (!view) {
      if (!handoff.available.value || !offerUnder(handoff.offers, chat.messages.value)) return null;
      return (
        <div class="handoff-bar" part="handoff">
          <button type="button" class="text-button primary" part="handoff-offer" onClick={() => act(handoff.request())}>
            {texts.talkToPerson}
          </button>
        </div>
      );
    }
    const notice = view.notice === 'offline' ? texts.offline : view.notice === 'helpdesk_unavailable' ? texts.unavailable : view.notice === 'helpdesk_config_error' ? texts.configError : undefined;
    const back = (
      <button type="button" class="text-button" part="handoff-back" onClick={() => act(handoff.returnToAssistant())}>
        {texts.backToAssistant}
      </button>
    );
    if (view.status === 'failed' || view.status === 'deleted') {
      return (
        <div class="handoff-bar" part="handoff" role="status">
          <p>{texts.failed}</p>
          <div class="row">
            <button type="button" class="text-button primary" onClick={() => act(handoff.request())}>
              {strings.retry}
            </button>
            {back}
          </div>
        </div>
      );
    }
    if (view.status === 'closed') {
      return (
        <div class="handoff-bar" part="handoff">
          {conversation?.handoff?.rated ? <p role="status">{texts.rateThanks}</p> : <HandoffRating onRate={(score, comment) => act(handoff.rate(score, comment))} />}
          <div class="row">{back}</div>
        </div>
      );
    }
    return (
      <div class="handoff-bar" part="handoff">
        <p role="status">{notice ?? (view.agentName === undefined ? texts.waiting : '')}</p>
        <div class="row">
          <button type="button" class="text-button" part="handoff-end" onClick={() => act(handoff.end())}>
            {texts.endChat}
          </button>
        </div>
      </div>
    );
  }
}

/** The header's "Talk to a person", when the operator offers it there (`menu`): off while the conversation is with a person, or empty. */
export class HandoffMenuButton extends WidgetComponent {
  view(_props: object, { chat, strings, act, ui }: WidgetContextValue) {
    const handoff = handoffOf(chat);
    if (!chat || !handoff?.offers.includes('menu') || !handoff.available.value) return null;
    const view = handoff.view.value;
    const busy = (view && view.status !== 'failed' && view.status !== 'deleted') || !chat.messages.value.some((message) => message.role === 'user');
    return (
      <button
        type="button"
        class="icon-button"
        part="handoff-menu"
        aria-label={strings.handoff.talkToPerson}
        title={strings.handoff.talkToPerson}
        disabled={busy}
        onClick={() => {
          ui.view.value = 'chat';
          act(handoff.request());
        }}
      >
        {/* A person (head and shoulders), drawn like the other icons. */}
        <svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c0-4 4-6 8-6s8 2 8 6" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
    );
  }
}
