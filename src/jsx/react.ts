/**
 * Types `<confab-chat>` in React's JSX (React 19, whose `JSX` namespace lives in the
 * `react` module). Opt in once, anywhere in the app: `import type {} from 'confab-chat/jsx/react';`
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ConfabChatAttributes } from './attributes';

export type { ConfabChatAttributes, ConfabChatEvents } from './attributes';

/** The element as React's ref sees it; the class itself lives with the widget's Preact code. */
export type ConfabChatNode = HTMLElement & Required<Pick<ConfabChatAttributes, 'config'>> & { open(): void; close(): void; send(text: string): Promise<void>; newConversation(): void };

/** `<confab-chat>`'s props in React: its attributes, `config`, and React's usual element props. */
export type ConfabChatReactProps = Omit<DetailedHTMLProps<HTMLAttributes<ConfabChatNode>, ConfabChatNode>, keyof ConfabChatAttributes> & ConfabChatAttributes;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'confab-chat': ConfabChatReactProps;
    }
  }
}
