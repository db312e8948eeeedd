// The startup benchmark's control: the least a script tag can do to paint a launcher. A
// classic script from the same server as confab.js, a custom element with a shadow root and a
// round button in the launcher's place, styled inline; no settings, texts or stylesheet. What
// it costs over the page without a script is the price of any launcher script on this machine;
// what confab's loader costs over it is its own.
customElements.define(
  'confab-chat',
  class extends HTMLElement {
    constructor() {
      super();
      const button = document.createElement('button');
      button.setAttribute('part', 'launcher');
      button.setAttribute('aria-label', 'Open the chat');
      button.style.cssText = 'position:fixed;inset-block-end:20px;inset-inline-end:20px;inline-size:56px;block-size:56px;border:0;border-radius:50%;background:#4f46e5';
      this.attachShadow({ mode: 'open' }).append(button);
    }
  },
);
document.body.append(document.createElement('confab-chat'));
