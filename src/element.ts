import { defineConfabChat } from './widget/define';

// `import 'confab/element'` registers <confab-chat>.
defineConfabChat();

export { ConfabChatElement } from './widget/element';
