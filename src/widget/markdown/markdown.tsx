import { Component, type ComponentChild } from 'preact';
import type { RenderContext } from './render-context';
import { renderBlock } from './render-markdown';
import { parseIncrementally, type ParsedText } from './stream-blocks';
import type { TopBlock } from './tokens';

/** The props of {@link Markdown}. */
export interface MarkdownProps {
  /** The markdown source: untrusted; never reaches an HTML sink. */
  text: string;
  /**
   * The text is still arriving and only grows. A growing text is always parsed incrementally,
   * at most a step per frame; this also spreads the first render over frames, where a finished
   * text (from history) is parsed at once.
   */
  streaming?: boolean | undefined;
  /** Load images with an `https:` or same-origin URL (default: placeholders, no request). */
  allowImages?: boolean | undefined;
  /** Labels of the code blocks' copy button. */
  strings: { copyCode: string; copied: string };
  /** Copies a code block's text (default: the Clipboard API, failures ignored). */
  onCopyCode?: ((code: string) => void) | undefined;
  /**
   * Told when the text has stopped growing but not all of it is shown yet (`true`: it grew
   * faster than a step per frame, as from a fast backend), and when it all is (`false`).
   * Never called while `streaming`, so never per token.
   */
  onBehind?: ((behind: boolean) => void) | undefined;
  /**
   * Told once when the text could not be parsed or rendered (a bug of ours, never the
   * text's fault): it is then shown as plain text, whole, rather than breaking its page.
   */
  onError?: ((error: unknown) => void) | undefined;
}

interface ChunkProps {
  blocks: TopBlock[];
  from: number;
  span: number;
  ctx: RenderContext;
}

/**
 * `blocks[from, to)` as children: chunks of `step` blocks, or the blocks when `step` is 1,
 * keyed by their offset so that a block keeps its own DOM and state.
 */
function children(blocks: TopBlock[], from: number, to: number, step: number, ctx: RenderContext): ComponentChild[] {
  const out = [];
  for (let k = from; k < Math.min(to, blocks.length); k += step) out.push(<Chunk key={step > 1 ? k : blocks[k]!.start} blocks={blocks} from={k} span={step} ctx={ctx} />);
  return out;
}

/**
 * A fixed run of `span` blocks, rendered as 32 smaller runs, or one top-level block when
 * `span` is 1. Preact diffs a component's children in time linear in their number, so a flat
 * list of a long answer's blocks would make every token cost more than the one before. In
 * two levels of chunks of 1024 and 32, a token costs the same at the end of a long answer as
 * at its start: every run but the last skips rendering after one comparison. Its blocks are
 * unchanged when its last block is the same object (incremental parsing keeps a prefix of the
 * block objects, and a block parsed again into the same thing stays the same object): while
 * an answer streams, only its last block or two render again. (A class with
 * `shouldComponentUpdate` rather than `preact/compat`'s `memo`, which would pull compat into
 * the bundle.)
 */
export class Chunk extends Component<ChunkProps> {
  override shouldComponentUpdate(next: ChunkProps): boolean {
    const last = ({ blocks, from, span }: ChunkProps) => blocks[Math.min(from + span, blocks.length) - 1];
    return last(next) !== last(this.props) || next.ctx !== this.props.ctx;
  }

  override render({ blocks, from, span, ctx }: ChunkProps) {
    if (span > 1) return children(blocks, from, from + span, span / 32, ctx);
    const top = blocks[from]!;
    const shown = renderBlock(top.block, ctx);
    // A long answer's pieces: the browser skips the layout and paint of those out of view,
    // which a megabyte of text would otherwise cost on every frame.
    return top.cut ? <div class="cut">{shown}</div> : shown;
  }
}

const clipboard = (code: string): void => void navigator.clipboard?.writeText(code).catch(() => undefined);

/**
 * Renders markdown as Preact vnodes (no HTML string sink): the chat answer renderer.
 * A text that grows is re-parsed only from its last unsettled block (see
 * {@link parseIncrementally}), and earlier blocks skip rendering, so the work per update is
 * bounded whatever the length of the answer or of its last block. When the text grew by
 * more than a step since the last render, the rest is rendered in the next frames. While
 * it streams, syntax at its end that may still change is held back (see parseInline): the
 * visitor never sees a `**` or a half-written link for a moment. When streaming ends only
 * the last block is parsed again, to show exactly what the final text says.
 */
export class Markdown extends Component<MarkdownProps> {
  #parsed: ParsedText | undefined;
  /** Kept while its values stay the same: the blocks memoise on its identity. */
  #ctx: RenderContext | undefined;
  #frame = 0;
  #behind = false;
  #failed = false;

  /** A block's rendering threw: the whole text is shown plain from now on. */
  override componentDidCatch(error: unknown): void {
    this.#fail(error);
    this.forceUpdate();
  }

  #fail(error: unknown) {
    if (this.#failed) return;
    this.#failed = true;
    // Told after this render: the handler may update the page, which a render must not.
    queueMicrotask(() => (this.props.onError ?? console.error)(error));
  }

  /** Renders again next frame while part of the text is not parsed yet. */
  override componentDidUpdate(): void {
    const behind = !this.#failed && this.#parsed?.text !== this.props.text;
    if (behind) {
      this.#frame ||= requestAnimationFrame(() => {
        this.#frame = 0;
        this.forceUpdate();
      });
    }
    if (!this.props.streaming && behind !== this.#behind) {
      this.#behind = behind;
      this.props.onBehind?.(behind);
    }
  }

  override componentDidMount(): void {
    this.componentDidUpdate();
  }

  override componentWillUnmount(): void {
    cancelAnimationFrame(this.#frame);
  }

  override render({ text, streaming, allowImages, strings }: MarkdownProps) {
    let ctx = this.#ctx;
    const images = !!allowImages;
    if (ctx?.images !== images || ctx.copyCode !== strings.copyCode || ctx.copied !== strings.copied) {
      // The handler is looked up per click, so a new one in each render does not re-render blocks.
      ctx = this.#ctx = { images, copyCode: strings.copyCode, copied: strings.copied, copy: (code) => (this.props.onCopyCode ?? clipboard)(code) };
    }
    if (!this.#failed) {
      try {
        // When streaming ends the tail is parsed once more, to show what it held back.
        if (this.#parsed?.text !== text || this.#parsed.open !== !!streaming) this.#parsed = parseIncrementally(this.#parsed, text, !streaming, !!streaming);
        return children(this.#parsed.blocks, 0, Infinity, 1024, ctx);
      } catch (error) {
        this.#fail(error);
      }
    }
    return <p class="plain">{text}</p>;
  }
}
