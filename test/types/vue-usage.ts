// Compiled by `npm run typecheck`, and in a fresh Vue project against the packed package
// (test/package/): the element's props are typed for Vue's global components.
import type { GlobalComponents } from 'vue';
import type {} from 'confab-chat/jsx/vue';

type Props = InstanceType<GlobalComponents['confab-chat']>['$props'];

export const good: Props = { 'chat-url': '/api/chat/v1', theme: 'auto', config: { lang: 'de' } };

// @ts-expect-error: not a mode
export const bad: Props = { mode: 'floating' };
