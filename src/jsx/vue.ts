/**
 * Types `<confab-chat>` in Vue templates (checked by vue-tsc). Opt in once:
 * `import type {} from 'confab-chat/jsx/vue';` — and tell Vue's compiler it is a custom element:
 * `compilerOptions: { isCustomElement: (tag) => tag.startsWith('confab-') }`.
 */
import type { DefineComponent } from 'vue';
import type { ConfabChatAttributes } from './attributes';

export type { ConfabChatAttributes, ConfabChatEvents } from './attributes';

declare module 'vue' {
  interface GlobalComponents {
    'confab-chat': DefineComponent<ConfabChatAttributes>;
  }
}
