/**
 * Realistic chat answers, as models write them, for the "Markdown while streaming" bench:
 * bold lead-ins, inline code, fenced code, tables (with `<br>` in cells), links inline and by
 * reference, citations defined at the end, character references, nested lists, quotes.
 */
export const ANSWERS: readonly string[] = [
  `**Short answer:** yes, you can embed the widget with a single script tag.

**Why it works:** the script defines \`<confab-chat>\` and reads its \`data-*\` attributes, so no build step is needed.

**Steps:**

1. Add the script tag to your page's \`<head>\`.
2. Set \`data-endpoint\` to your proxy's URL &mdash; *never* to the model provider directly.
3. Reload the page and click the launcher.

> **Note:** keys never belong in client code; use the proxy from \`confab-chat/server\`.
`,
  `Here is a function that retries a request with exponential backoff:

\`\`\`ts
export async function retry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let k = 0; ; k++) {
    try {
      return await fn();
    } catch (error) {
      if (k + 1 >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2 ** k * 100));
    }
  }
}
\`\`\`

Call it as \`await retry(() => fetch(url))\`. The delay doubles each time (\`100\`, \`200\`, \`400\` ms&hellip;), and the **last** error is rethrown so callers still see *why* it failed.
`,
  `## Comparison

| Option | Bundle size | Streaming | Notes |
|:-------|------------:|:---------:|-------|
| **confab** | 40 KB | yes | Durable log<br>Offline queue |
| Widget A | 120 KB | yes | Hosted only |
| Widget B | 85 KB | *partial* | No RTL &amp; no themes |

In short: pick **confab** if you need *nothing lost*; pick ~~Widget C~~ Widget B if you only need a hosted bot.
`,
  `Large language models are trained on web text [1] and refined with human feedback [2]. The
technique was popularised by [InstructGPT][2] and later work such as [Constitutional AI][3].

Key points:

- Pre-training predicts the next token over a large corpus [1].
- Fine-tuning aligns the model with what people prefer [2][3].
- Evaluation uses held-out benchmarks; see the [survey][4] for a list.

[1]: https://example.com/papers/scaling "Scaling laws"
[2]: https://example.com/papers/instructgpt "Training language models to follow instructions"
[3]: https://example.com/papers/constitutional
[4]: https://example.com/papers/survey "A survey of evaluation"
`,
  `You can configure the theme in three ways:

- **Attribute:** \`<confab-chat theme="dark">\` &ndash; simplest, static.
- **Property:** \`element.config = { theme: 'auto' }\` &ndash; from script, at any time.
  - \`'auto'\` follows the page's \`prefers-color-scheme\`.
  - \`'light'\` and \`'dark'\` force one.
- **CSS:** override the custom properties, e.g. \`--confab-accent: #0a7\`.

See the [theming guide](https://example.com/docs/theming "Theming") and the [API reference](https://example.com/docs/api) for the full list, or ask at <https://example.com/community>.
`,
  `### What went wrong

The error \`TypeError: Cannot read properties of undefined (reading 'map')\` means \`items\` was \`undefined\` when the component rendered.

### Fix

Guard the render until the data has loaded:

\`\`\`tsx
if (!items) return <Spinner />;
return <ul>{items.map((item) => <li key={item.id}>{item.name}</li>)}</ul>;
\`\`\`

Alternatively, default the prop: \`function List({ items = [] })\`. Both keep the *first* render safe; the second also covers a server that returns \`null\` &rsquo;by design&rsquo;.

---

*Tip:* TypeScript's \`strictNullChecks\` would have caught this at build time.
`,
];
