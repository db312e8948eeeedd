import type { ComponentChild } from 'preact';
import { CodeBlock } from './code-block';
import type { RenderContext } from './render-context';
import { renderInline } from './render-inline';
import type { Block, ListItem } from './tokens';

/** A list item; a task item's disabled checkbox goes into its first paragraph, as GitHub does. */
function item({ c, task }: ListItem, ctx: RenderContext, tight: boolean): ComponentChild {
  const box = task !== undefined && [<input type="checkbox" disabled checked={task} />, ' '];
  const lead = c[0]?.t === 'p' && box;
  return (
    <li class={box ? 'task' : undefined}>
      {!lead && box}
      {c.map((block, k) => renderBlock(block, ctx, tight, k ? undefined : lead))}
    </li>
  );
}

/**
 * Renders one block to vnodes. In a tight list (`tight`) paragraphs render without `<p>`;
 * `lead` goes before a paragraph's text.
 */
export function renderBlock(block: Block, ctx: RenderContext, tight = false, lead?: ComponentChild): ComponentChild {
  switch (block.t) {
    case 'p': {
      const text = [lead, renderInline(block.c, ctx)];
      return tight ? text : <p>{text}</p>;
    }
    case 'h': {
      // An answer's headings sit under the page's and the widget's own: `#` renders as h3, capped at h6.
      const Tag = `h${Math.min(block.level + 2, 6)}` as 'h3';
      return <Tag>{renderInline(block.c, ctx)}</Tag>;
    }
    case 'code':
      return <CodeBlock code={block.v} lang={block.lang} ctx={ctx} />;
    case 'quote':
      return <blockquote>{block.c.map((child) => renderBlock(child, ctx))}</blockquote>;
    case 'list': {
      const Tag = block.ordered ? 'ol' : 'ul';
      return <Tag start={block.start === 1 ? undefined : block.start}>{block.items.map((li) => item(li, ctx, !block.loose))}</Tag>;
    }
    case 'table': {
      const cell = (Tag: 'th' | 'td') => (content: Parameters<typeof renderInline>[0], k: number) => (
        <Tag style={block.align[k] ? { textAlign: block.align[k] } : undefined}>{renderInline(content, ctx)}</Tag>
      );
      // Wide tables scroll inside the bubble instead of widening it; focusable so that
      // keyboard users can scroll too.
      return (
        <div class="table" style={{ overflowX: 'auto' }} tabIndex={0}>
          <table>
            <thead>
              <tr>{block.head.map(cell('th'))}</tr>
            </thead>
            {block.rows.length > 0 && <tbody>{block.rows.map((row) => <tr>{row.map(cell('td'))}</tr>)}</tbody>}
          </table>
        </div>
      );
    }
    case 'hr':
      return <hr />;
  }
}
