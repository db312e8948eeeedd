import type { ComponentChildren } from 'preact';
import type { RenderContext } from './render-context';
import type { Inline } from './tokens';
import { safeHref, safeImageSrc } from './url-policy';

// Links open outside the widget's page, and the opened page gets neither a handle on this
// window nor the Referer of the conversation.
const outward = { target: '_blank', rel: 'noopener noreferrer' } as const;

/**
 * Renders inline tokens to vnodes; text stays text (Preact escapes it). A link whose URL
 * fails {@link safeHref} renders as its text. An image loads only if {@link safeImageSrc}
 * allows it; otherwise it is a placeholder showing its alt text and URL, linked when the URL
 * is a safe link, so that nothing is fetched until the reader asks. Inside a link nothing is
 * linked again (no `<a>` in `<a>`).
 */
export function renderInline(nodes: Inline[], ctx: RenderContext, inLink = false): ComponentChildren {
  return nodes.map((node) => {
    if (typeof node === 'string') return node;
    switch (node.t) {
      case 'code':
        return <code>{node.v}</code>;
      case 'br':
        return <br />;
      case 'a': {
        const href = !inLink && safeHref(node.href);
        const text = renderInline(node.c, ctx, true);
        return href ? (
          <a href={href} title={node.title || undefined} {...outward}>
            {text}
          </a>
        ) : (
          text
        );
      }
      case 'img': {
        const src = safeImageSrc(node.src, ctx.images);
        return src ? (
          <img src={src} alt={node.alt} title={node.title || undefined} loading="lazy" referrerpolicy="no-referrer" />
        ) : (
          // The placeholder: alt text and URL as a link (if the URL is a safe one) that
          // fetches nothing until the reader follows it.
          renderInline([{ t: 'a', href: node.src, title: node.title, c: [node.alt && node.src ? `${node.alt} (${node.src})` : node.alt || node.src] }], ctx, inLink)
        );
      }
      default: {
        const Tag = node.t;
        return <Tag>{renderInline(node.c, ctx, inLink)}</Tag>;
      }
    }
  });
}
