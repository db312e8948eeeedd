/** @jsxImportSource react */
// A React 19 app: React sets `config` as a property and attaches `on<event>` props as
// listeners on custom elements; the host drives the widget through a ref.
import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'confab-chat/element';
import type { ConfabChatNode } from 'confab-chat/jsx/react';
import { HOST_QUESTION, hostAttributes, hostConfig, recordEvent } from '../host-contract';

window.hostEvents = [];
const config = hostConfig('react');

function App() {
  const chat = useRef<ConfabChatNode>(null);
  const [lang, setLang] = useState('en');
  const [answers, setAnswers] = useState(0);
  const [failure, setFailure] = useState('');
  return (
    <>
      <h1>A React 19 app</h1>
      <nav>
        <button type="button" id="open" onClick={() => chat.current?.open()}>Open the chat</button>
        <button type="button" id="close" onClick={() => chat.current?.close()}>Close the chat</button>
        <button type="button" id="ask" onClick={() => void chat.current?.send(HOST_QUESTION).catch((error: unknown) => setFailure(String(error)))}>
          Ask about embedding
        </button>
        <button type="button" id="new" onClick={() => chat.current?.newConversation()}>New conversation</button>
        <button type="button" id="german" onClick={() => setLang('de')}>Deutsch</button>
      </nav>
      <p>Answers received: <output id="answers">{answers}</output></p>
      <p>Last failure: <output id="failure">{failure}</output></p>
      <confab-chat
        ref={chat}
        {...hostAttributes('react')}
        lang={lang}
        // Bound like any setting a host controls; React 19 assigns it to the element's `open` property.
        open={false}
        config={config}
        onconfab-open={recordEvent}
        onconfab-close={recordEvent}
        onconfab-message={(event: Event) => {
          recordEvent(event);
          setAnswers((count) => count + 1);
        }}
        onconfab-feedback={recordEvent}
        onconfab-delete={recordEvent}
        onconfab-error={recordEvent}
      />
    </>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
