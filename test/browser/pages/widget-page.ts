/**
 * Puts a `<confab-chat>` launcher on the page, on the reference chat server, for the browser
 * tests. `?store=NAME` picks its IndexedDB store, so each test starts from nothing.
 */
import { defineConfabChat } from '../../../src/widget/define';

defineConfabChat();
const widget = document.createElement('confab-chat');
widget.setAttribute('chat-url', '/api/chat/v1');
widget.setAttribute('model', 'confab-docs');
widget.setAttribute('store-name', new URLSearchParams(location.search).get('store') ?? 'widget');
document.body.append(widget);
