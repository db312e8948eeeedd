// Compiled by `npm run typecheck` (test/types/tsconfig.json, React's JSX), and in a fresh React
// project against the packed package (test/package/): the element's
// attributes are typed in React, and a wrong value does not compile.
import type {} from 'confab-chat/jsx/react';

export const Good = () => (
  <confab-chat chat-url="/api/chat/v1" model="confab-docs" theme="dark" mode="inline" open suggestions='["Hi?"]' config={{ user: { id: 'u1' }, storeName: 'app' }} />
);

// @ts-expect-error: not a theme
export const BadTheme = () => <confab-chat theme="neon" />;

// @ts-expect-error: config is the typed object, not a string
export const BadConfig = () => <confab-chat config="{}" />;
