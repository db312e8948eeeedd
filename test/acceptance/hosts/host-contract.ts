/**
 * What every host page of acceptance case 8 does, whatever its framework: the settings it
 * gives `<confab-chat>` (attributes and the `config` property), the buttons that call its
 * methods, and a record of the events its own handlers received, which the test reads from
 * `window.hostEvents`. Shared by the host apps (built by Vite) and the test (in Node).
 */
import type { ConfabConfigInput } from 'confab-chat';

export type HostName = 'esm' | 'react' | 'vue';

/** The events the widget dispatches (README, "Methods and events"). */
export const CONFAB_EVENTS = ['confab-open', 'confab-close', 'confab-message', 'confab-feedback', 'confab-delete', 'confab-error'] as const;

/** One event as the host's handler received it; `detail` as JSON, as the test reads it. */
export interface RecordedEvent {
  type: string;
  detail: unknown;
}

declare global {
  interface Window {
    hostEvents: RecordedEvent[];
  }
}

/** What the host's "Ask" button sends through `send()`. */
export const HOST_QUESTION = 'How do I embed confab?';

/** The attributes each host sets at mount; `lang` starts as `en` and a host button switches it to `de`. */
export function hostAttributes(host: HostName) {
  return {
    'chat-url': '/api/chat/v1',
    model: 'confab-docs',
    'analytics-url': '/api/analytics',
    'analytics-key': 'confab-demo-web-key',
    // Each host its own IndexedDB store, so one host's conversations never show in another.
    'store-name': `host-${host}`,
    title: `Help for the ${host} host`,
    theme: 'dark',
  } as const;
}

/** The `config` property: what attributes cannot carry (a user object), and a welcome that wins over the default. */
export function hostConfig(host: HostName): ConfabConfigInput {
  return { user: { id: `${host}-reader`, name: 'Ada' }, welcome: `Welcome to the ${host} host.`, tags: [`host-${host}`] };
}

export function recordEvent(event: Event): void {
  window.hostEvents.push({ type: event.type, detail: JSON.parse(JSON.stringify((event as CustomEvent<unknown>).detail)) as unknown });
}
