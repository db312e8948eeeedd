import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * Lets the growing answer keep itself in view without the message list re-rendering per
 * token: the list provides a stable function, the streaming text calls it after each render.
 */
export const FollowContext = createContext<() => void>(() => undefined);

/** Keeps the end of the conversation in view as content grows, unless the reader scrolled up. */
export const useFollow = () => useContext(FollowContext);
