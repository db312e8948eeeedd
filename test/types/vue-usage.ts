// Compiled by `npm run typecheck`: the element's props are typed for Vue's global components.
import type { GlobalComponents } from 'vue';
import type {} from '../../src/jsx/vue';

type Props = InstanceType<GlobalComponents['confab-chat']>['$props'];

export const good: Props = { 'chat-url': '/api/chat/v1', theme: 'auto', config: { lang: 'de' } };

// @ts-expect-error: not a mode
export const bad: Props = { mode: 'floating' };
