import { Component } from 'preact';
import type { RenderContext } from './render-context';

interface CodeBlockProps {
  code: string;
  lang: string;
  ctx: RenderContext;
}

/**
 * A code block: `<pre><code class="language-x">` and a copy button that copies exactly the
 * code (no trailing newline, tabs kept) and then says `ctx.copied` for two seconds. A class
 * so that the timer can be cleared on unmount (a block can go within the two seconds, with
 * its conversation) without a hooks import.
 */
export class CodeBlock extends Component<CodeBlockProps, { copied?: boolean }> {
  #timer?: ReturnType<typeof setTimeout>;

  override componentWillUnmount(): void {
    clearTimeout(this.#timer);
  }

  override render({ code, lang, ctx }: CodeBlockProps, { copied }: { copied?: boolean }) {
    return (
      <div class="code-block">
        {/* A long line scrolls sideways: the block takes the focus, so a keyboard can scroll it. */}
        <pre tabIndex={0}>
          <code class={lang ? `language-${lang}` : undefined}>{code}</code>
        </pre>
        <button
          type="button"
          part="copy-code"
          aria-label={ctx.copyCode}
          onClick={() => {
            ctx.copy(code);
            this.setState({ copied: true });
            clearTimeout(this.#timer);
            this.#timer = setTimeout(() => this.setState({ copied: false }), 2000);
          }}
        >
          {copied ? ctx.copied : ctx.copyCode}
        </button>
      </div>
    );
  }
}
