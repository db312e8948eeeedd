/**
 * A realistic streamed answer: headings, inline formatting, nested and task lists, a code
 * fence inside a list item, a table, a quote, a code fence with blank lines inside, and a
 * paragraph followed by `---` (a setext heading while it arrives, a thematic break after a
 * blank line).
 */
export const ANSWER = `# Setting up confab

To embed the widget, add **one script tag** and set the \`data-*\` attributes. See the
[embedding guide](https://example.com/docs/embed "Embedding") or <https://example.com/faq>.

## Steps

1. Install the package:

   \`\`\`sh
   npm install confab-chat
   \`\`\`

2. Import the element:
   - in a bundler, \`import 'confab-chat/element'\`;
   - in a page, load \`dist/confab.js\`.
3. Configure it.

| Attribute | Default | Meaning |
|:----------|:-------:|--------:|
| \`mode\` | launcher | where it shows |
| \`theme\` | *auto* | light or dark |

> **Note:** keys never belong in client code.
> Use a proxy instead.

\`\`\`ts
import { createChat } from 'confab-chat/sdk';

const chat = createChat({ provider });

await chat.send('hello');
\`\`\`

- [x] script tag
- [ ] npm import

That is all
---

Questions? Ask ~~anything~~ away. Visit www.example.com for more.
`;
