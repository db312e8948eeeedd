/**
 * `url` as a browser uses it, if its scheme matches `schemes` (`''` for a relative URL).
 *
 * The browser (WHATWG URL) drops tabs and newlines anywhere and controls and spaces at the
 * ends. To find the scheme the check goes further: it decodes character references (numeric
 * ones, `&colon;`, `&tab;`, `&newline;`), then removes every character that is not
 * printable ASCII (controls, spaces, invisible format characters), so that neither
 * `java\0script:` nor `jav&#x09;ascript:` nor `javascript&colon;` passes for a relative URL —
 * not here, and not if the HTML is ever serialised and parsed again. A colon before the
 * first `/`, `?` or `#` makes a scheme, even one a browser would not accept.
 */
function vet(url: string, schemes: RegExp, sameHost?: boolean): string | undefined {
  // The trailing run is matched only from where a run starts: tried from every position, a
  // run of spaces inside the URL (a `<…>` destination may hold them) costs quadratic time.
  const clean = url.replace(/[\t\n\r]/g, '').replace(/^[\0- ]+|(?<![\0- ])[\0- ]+$/g, '');
  const bare = clean
    .replace(/&(?:#(x?)([\da-f]+)|(colon)|tab|newline);?/gi, (_, hex: string, code?: string, colon?: string) =>
      colon ? ':' : code ? String.fromCodePoint(Math.min(parseInt(code, hex ? 16 : 10), 0x10ffff)) : '',
    )
    .replace(/[^!-~]/g, '')
    .toLowerCase();
  return clean && schemes.test(/^([^/?#]*?):/.exec(bare)?.[1] ?? '') && !(sameHost && /^[/\\]{2}/.test(bare)) ? clean : undefined;
}

/**
 * The URL to put in an `href`, or `undefined` when it must not become a link.
 * Allowed: `http:`, `https:`, `mailto:`, and relative URLs (`/x`, `./x`, `../x`, `#x`, `?x`,
 * `x/y`, `//host/x`). Everything else (`javascript:`, `data:`, `vbscript:`, `file:`, `blob:`,
 * unknown schemes) is refused, also when disguised by case, controls, whitespace or an
 * entity-encoded character. An empty URL is refused: a link to the page itself is never meant.
 */
export const safeHref = (url: string): string | undefined => vet(url, /^(https?|mailto)?$/);

/**
 * The URL to put in an `<img src>`, or `undefined` to show a placeholder instead.
 * Remote images leak the reader's address and timing to whoever hosts them, so nothing
 * loads unless `allowImages`; then only `https:` and same-origin relative URLs (not
 * protocol-relative `//host`, a request to another host on whatever scheme the page has).
 */
export const safeImageSrc = (url: string, allowImages: boolean): string | undefined => (allowImages ? vet(url, /^(https)?$/, true) : undefined);
