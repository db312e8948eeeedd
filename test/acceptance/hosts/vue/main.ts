// A Vue 3 app with a template compiled in the browser (Vue's full build), told that
// `confab-chat` is a custom element as the README says: Vue binds `config` as a property,
// `@confab-*` as listeners, and the host drives the widget through a template ref.
import { createApp, ref } from 'vue';
import 'confab-chat/element';
import type {} from 'confab-chat/jsx/vue';
import { HOST_QUESTION, hostAttributes, hostConfig, recordEvent } from '../host-contract';

window.hostEvents = [];

const app = createApp({
  setup() {
    const chat = ref<HTMLElementTagNameMap['confab-chat'] | null>(null);
    const lang = ref('en');
    const answers = ref(0);
    const failure = ref('');
    return {
      chat,
      lang,
      answers,
      failure,
      attributes: hostAttributes('vue'),
      config: hostConfig('vue'),
      recordEvent,
      onMessage(event: Event) {
        recordEvent(event);
        answers.value += 1;
      },
      ask() {
        void chat.value?.send(HOST_QUESTION).catch((error: unknown) => (failure.value = String(error)));
      },
    };
  },
  template: `
    <h1>A Vue 3 app</h1>
    <nav>
      <button type="button" id="open" @click="chat.open()">Open the chat</button>
      <button type="button" id="close" @click="chat.close()">Close the chat</button>
      <button type="button" id="ask" @click="ask">Ask about embedding</button>
      <button type="button" id="new" @click="chat.newConversation()">New conversation</button>
      <button type="button" id="german" @click="lang = 'de'">Deutsch</button>
    </nav>
    <p>Answers received: <output id="answers">{{ answers }}</output></p>
    <p>Last failure: <output id="failure">{{ failure }}</output></p>
    <confab-chat
      ref="chat"
      v-bind="attributes"
      :lang="lang"
      :open="false"
      :config="config"
      @confab-open="recordEvent"
      @confab-close="recordEvent"
      @confab-message="onMessage"
      @confab-feedback="recordEvent"
      @confab-delete="recordEvent"
      @confab-error="recordEvent"
    ></confab-chat>
  `,
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('confab-');
app.mount('#app');
