/**
 * The handoff chunk: the controller that runs a conversation with a person and the components
 * that show it. Loaded only where `handoff` offers a person, or where a conversation already
 * holds a handoff's messages; the panel shows its own plain stand-ins until it is there.
 */
export { HandoffBar, HandoffMenuButton } from '../components/handoff-bar';
export { HandoffMessage } from '../components/handoff-message';
export { startHandoff } from './start-handoff';
