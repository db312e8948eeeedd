// The npm path without a framework: import the package by name, register the element, set
// attributes and the `config` property, listen for its events and call its methods.
import { defineConfabChat } from 'confab-chat';
import { CONFAB_EVENTS, HOST_QUESTION, hostAttributes, hostConfig, recordEvent } from '../host-contract';

window.hostEvents = [];
defineConfabChat();

const chat = document.createElement('confab-chat');
for (const [name, value] of Object.entries(hostAttributes('esm'))) chat.setAttribute(name, value);
chat.setAttribute('lang', 'en');
chat.config = hostConfig('esm');
for (const type of CONFAB_EVENTS) chat.addEventListener(type, recordEvent);

const output = (id: string) => document.getElementById(id) as HTMLOutputElement;
let answers = 0;
chat.addEventListener('confab-message', () => (output('answers').value = String(++answers)));

const onClick = (id: string, action: () => void) => document.getElementById(id)!.addEventListener('click', action);
onClick('open', () => chat.open());
onClick('close', () => chat.close());
onClick('ask', () => void chat.send(HOST_QUESTION).catch((error: unknown) => (output('failure').value = String(error))));
onClick('new', () => chat.newConversation());
onClick('german', () => chat.setAttribute('lang', 'de'));

document.body.append(chat);
