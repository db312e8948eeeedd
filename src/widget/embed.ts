import { defineConfabChat } from './define';

// The script-tag entry (`dist/confab.js`): loading it registers `<confab-chat>`; loading it
// twice is harmless because the registration is guarded.
defineConfabChat();
