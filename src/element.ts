import { defineConfabChat } from './widget/define';

// `import 'confab-chat/element'` registers <confab-chat>.
defineConfabChat();

export { ConfabChatElement } from './widget/element';
