/**
 * What rendering needs besides the tokens. One object per `<Markdown>` whose identity
 * changes only when one of its values does, so blocks memoise on it.
 */
export interface RenderContext {
  /** Load images whose URL passes the image policy (else they render as placeholders). */
  images: boolean;
  /** The copy button's label, and what it says for a moment after a click. */
  copyCode: string;
  copied: string;
  /** Copies a code block's text. */
  copy: (code: string) => void;
}
