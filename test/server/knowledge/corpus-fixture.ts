/**
 * A small, fixed markdown corpus for the knowledge-base and chat tests, so they do not
 * change whenever the project's README does.
 */
import { demoDocsUrl } from '../../../demo/server/docs-corpus';
import { createKnowledgeBase, type DocumentInput, type KnowledgeBase } from '../../../src/server/knowledge';

export const GUIDE = `# Widget guide

The widget is a chat assistant for documentation sites.

## Install

Install the package with npm. It needs Node 20 or newer.

\`\`\`sh
npm install confab
\`\`\`

## Retries

Requests that fail are handled in the background.

- **Backoff.** Failed requests are retried with exponential backoff and jitter.
- **Dead letters.** A 4xx answer is not retried; it moves to the dead-letter list.
- **Themes.** Unrelated to failures: pick a colour scheme.

## Themes

Choose light or dark with the \`theme\` attribute.

### Dark mode

Dark mode follows the system setting.

\`\`\`html
<confab-chat theme="dark"></confab-chat>
\`\`\`

## Install

A second install section: offline installs copy the tarball first.

| option | default | what |
|---|---|---|
| \`registry\` | npm | where packages come from |
| \`offline\` | false | install from the local cache |
`;

export const FAQ = `# FAQ

## Does it work offline?

Yes: logs wait in an outbox until the network returns. \`# not a heading\` stays text.

\`\`\`md
# a heading inside code is not a section
\`\`\`
`;

/** Both documents, as the knowledge base's \`documents\` option takes them. */
export const CORPUS: DocumentInput[] = [
  { path: 'docs/guide.md', text: GUIDE },
  { path: 'docs/faq.md', text: FAQ },
];

/** A knowledge base over {@link CORPUS} citing as the demo does (`/docs/guide.md#retries`), for the reference servers' tests. */
export const corpusKnowledgeBase = (): KnowledgeBase => createKnowledgeBase({ documents: CORPUS, docsUrl: demoDocsUrl, name: 'the confab docs' });
