import { describe, expect, it } from 'vitest';
import { safeHref, safeImageSrc } from '../../../src/widget/markdown';

/** [url, safeHref(url), safeImageSrc(url, true)]; safeImageSrc(url, false) is always undefined. */
const URLS: [string, string | undefined, string | undefined][] = [
  // Benign.
  ['https://example.com/a?b=1#c', 'https://example.com/a?b=1#c', 'https://example.com/a?b=1#c'],
  ['HTTPS://EXAMPLE.COM/X.PNG', 'HTTPS://EXAMPLE.COM/X.PNG', 'HTTPS://EXAMPLE.COM/X.PNG'],
  ['http://example.com/a.png', 'http://example.com/a.png', undefined],
  ['mailto:someone@example.com', 'mailto:someone@example.com', undefined],
  ['MAILTO:SOMEONE@EXAMPLE.COM', 'MAILTO:SOMEONE@EXAMPLE.COM', undefined],
  ['/docs/diagram.png', '/docs/diagram.png', '/docs/diagram.png'],
  ['./guide.md', './guide.md', './guide.md'],
  ['../up/one', '../up/one', '../up/one'],
  ['#section-2', '#section-2', '#section-2'],
  ['?page=2', '?page=2', '?page=2'],
  ['docs/guide.md', 'docs/guide.md', 'docs/guide.md'],
  ['//cdn.example.com/a.png', '//cdn.example.com/a.png', undefined],
  ['/\\cdn.example.com/a.png', '/\\cdn.example.com/a.png', undefined],
  ['  https://example.com/padded  ', 'https://example.com/padded', 'https://example.com/padded'],
  ['https://exa\nmple.com/\tx', 'https://example.com/x', 'https://example.com/x'],
  ['https://例え.jp/パス', 'https://例え.jp/パス', 'https://例え.jp/パス'],
  ['https://example.com/a:b/c', 'https://example.com/a:b/c', 'https://example.com/a:b/c'],
  // Hostile.
  ['javascript:alert(1)', undefined, undefined],
  ['JaVaScRiPt:alert(1)', undefined, undefined],
  [' \t javascript:alert(1)', undefined, undefined],
  ['\x01\x02javascript:alert(1)', undefined, undefined],
  ['java\tscript:alert(1)', undefined, undefined],
  ['java\nscript:alert(1)', undefined, undefined],
  ['java\rscript:alert(1)', undefined, undefined],
  ['java\0script:alert(1)', undefined, undefined],
  ['java\u200bscript:alert(1)', undefined, undefined],
  ['\u00a0javascript:alert(1)', undefined, undefined],
  ['\ufeffjavascript:alert(1)', undefined, undefined],
  ['javascript&colon;alert(1)', undefined, undefined],
  ['javascript&#58;alert(1)', undefined, undefined],
  ['javascript&#0000058alert(1)', undefined, undefined],
  ['javascript&#x3A;alert(1)', undefined, undefined],
  ['javascript&#X3a;alert(1)', undefined, undefined],
  ['jav&#x09;ascript:alert(1)', undefined, undefined],
  ['javascript://example.com/%0Aalert(1)', undefined, undefined],
  ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', undefined, undefined],
  ['data:image/png;base64,iVBORw0KGgo=', undefined, undefined],
  ['data:image/svg+xml,<svg onload=alert(1)>', undefined, undefined],
  ['vbscript:msgbox(1)', undefined, undefined],
  ['VBScript:msgbox(1)', undefined, undefined],
  ['file:///etc/passwd', undefined, undefined],
  ['blob:https://example.com/0b3e', undefined, undefined],
  ['intent://scan/#Intent;scheme=zxing;end', undefined, undefined],
  ['ftp://example.com/file', undefined, undefined],
  ['livescript:alert(1)', undefined, undefined],
  ['', undefined, undefined],
  [' \n ', undefined, undefined],
];

describe('URL policy', () => {
  it.each(URLS.map(([url, href, src], k) => [k + 1, JSON.stringify(url), url, href, src] as const))('%i. %s', (_, __, url, href, src) => {
    expect(safeHref(url)).toBe(href);
    expect(safeImageSrc(url, true)).toBe(src);
    expect(safeImageSrc(url, false)).toBeUndefined();
  });

  it('a URL with 100,000 spaces inside (a `<…>` link destination may hold them) is vetted in linear time', () => {
    const url = `/a${' '.repeat(100_000)}b`;
    const start = performance.now();
    expect(safeHref(url)).toBe(url);
    expect(safeImageSrc(url, true)).toBe(url);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('whatever passes resolves to http, https or mailto in a browser URL parser', () => {
    for (const [url] of URLS) {
      const href = safeHref(url);
      if (href !== undefined) expect(['http:', 'https:', 'mailto:']).toContain(new URL(href, 'https://host.test/page').protocol);
      const src = safeImageSrc(url, true);
      if (src !== undefined) expect(new URL(src, 'https://host.test/page').protocol).toBe('https:');
    }
  });
});
