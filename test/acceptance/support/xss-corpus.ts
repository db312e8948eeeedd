/**
 * The XSS corpus of acceptance case 10, for the real browser. Every payload is numbered, and
 * everything in it that could run calls `xssHit(N)` (a function the test exposes to every
 * frame and popup), and everything that could load points at the "elsewhere" origin, which
 * counts every request. So a payload that breaks out is seen by number: as a call, or as a
 * request. The markdown renderer's own edge cases (1 MB inputs, streaming a byte at a time)
 * are unit-tested in jsdom (test/widget/markdown/xss-payloads.ts); this corpus is about what
 * a browser would do with the result.
 *
 * Payloads are separated by blank lines in one answer per family: a blank line ends every
 * markdown block, and every fence here is closed, so no payload changes how another parses.
 */

/** One payload as the test delivers it. */
export interface XssPayload {
  /** 1-based, unique across the corpus; the `N` of `xssHit(N)` and of `/xss/N`. */
  id: number;
  name: string;
  text: string;
  /** Text that the rendered page must still show (as text or in an attribute): proof that the payload arrived. */
  fingerprint: string;
}

/** A source, as the chat server's `provideLinks` tool call sends it. */
export interface XssSource {
  url: string;
  title: string;
  description: string;
  breadcrumbs: string[];
}

/** A family of payloads, delivered together as one answer. */
export interface XssFamily {
  name: string;
  payloads: XssPayload[];
  /** The answer's markdown: the payloads, a blank line apart. */
  answer: string;
  /** Hostile sources sent with the answer (the `answer sources` family, whose payloads they are). */
  sources?: XssSource[];
}

/** What a payload is built from: its marker call and URLs on the counted origin. */
interface PayloadTools {
  id: number;
  /** `(#N)`: a visible label, for payloads whose marker call a safe rendering drops (a refused link shows only its text). */
  label: string;
  /** `xssHit(N)`: JavaScript that reports this payload ran. */
  run: string;
  /** `http://elsewhere/xss/N.ext`: a remote resource. */
  remote(ext: string): string;
  /** The same resource on the same host, `https:` (the server cannot answer it; the request is what counts). */
  remoteHttps(ext: string): string;
  /** The same resource protocol-relative (`//host/xss/N.ext`). */
  remoteNoScheme(ext: string): string;
}

type Build = (tools: PayloadTools) => string;

/** The families, in delivery order. `[name, build]`; numbered across the corpus by {@link xssCorpus}. */
const FAMILIES: [family: string, payloads: [name: string, build: Build][]][] = [
  [
    // Raw HTML is text in answers: none of these may become an element.
    'HTML with script and event handlers',
    [
      ['script element', (t) => `<script>${t.run}</script>`],
      ['script tag split across lines', (t) => `<scr\nipt>${t.run}</scr\nipt>`],
      ['script tag nested in itself', (t) => `<<script>script>${t.run}<</script>/script>`],
      ['img onerror', (t) => `<img src="${t.remote('png')}" onerror="${t.run}">`],
      ['svg onload', (t) => `<svg onload=${t.run}>`],
      ['body onload', (t) => `<body onload=${t.run}>`],
      ['details ontoggle', (t) => `<details open ontoggle=${t.run}>x</details>`],
      ['input autofocus onfocus', (t) => `<input autofocus onfocus=${t.run}>`],
      ['iframe with a javascript src', (t) => `<iframe src="javascript:parent.${t.run}"></iframe>`],
      ['iframe srcdoc', (t) => `<iframe srcdoc="<script>parent.${t.run}</script>"></iframe>`],
      ['object with a javascript data URL', (t) => `<object data="javascript:parent.${t.run}"></object>`],
      ['embed of an HTML data URL', (t) => `<embed src="data:text/html,<script>parent.${t.run}</script>">`],
      ['meta refresh to javascript', (t) => `<meta http-equiv="refresh" content="0;url=javascript:${t.run}">`],
      ['anchor with a javascript href', (t) => `<a href="javascript:${t.run}">click</a>`],
      ['anchor with an entity-encoded scheme', (t) => `<a href="&#x6A;avascript:${t.run}">click</a>`],
    ],
  ],
  [
    // Things a browser fetches by itself, from HTML and CSS: nothing may reach elsewhere.
    'remote resources in HTML and CSS',
    [
      ['stylesheet link', (t) => `<link rel="stylesheet" href="${t.remote('css')}">`],
      ['style element with @import and url()', (t) => `<style>@import url("${t.remote('css')}"); p { background: url(${t.remote('png')}) }</style>`],
      ['style attribute with url()', (t) => `<div style="background-image: url(${t.remote('png')})">x</div>`],
      ['img srcset', (t) => `<img srcset="${t.remote('png')} 1x, ${t.remote('png')} 2x">`],
      ['picture source', (t) => `<picture><source srcset="${t.remote('png')}"><img alt=x></picture>`],
      ['form action and formaction', (t) => `<form action="${t.remote('html')}"><button formaction="javascript:${t.run}">go</button></form>`],
      ['base href', (t) => `<base href="${t.remote('html')}">`],
      ['autoplaying audio', (t) => `<audio src="${t.remote('mp3')}" autoplay onplay=${t.run}></audio>`],
    ],
  ],
  [
    // Links must pass the URL policy: http(s), mailto and relative only, however disguised.
    'markdown links with dangerous URLs',
    [
      ['javascript', (t) => `[${t.label}](javascript:${t.run})`],
      ['mixed-case scheme', (t) => `[${t.label}](JaVaScRiPt:${t.run})`],
      ['tab inside the scheme', (t) => `[${t.label}](<java\tscript:${t.run}>)`],
      ['NUL inside the scheme', (t) => `[${t.label}](java\0script:${t.run})`],
      ['spaces around the destination', (t) => `[${t.label}](   javascript:${t.run}   )`],
      ['entity-encoded colon', (t) => `[${t.label}](javascript&colon;${t.run})`],
      ['numeric colon', (t) => `[${t.label}](javascript&#58;${t.run})`],
      ['entity-encoded first letter', (t) => `[${t.label}](&#106;avascript:${t.run})`],
      ['percent-encoded first letter', (t) => `[${t.label}](%6Aavascript:${t.run})`],
      ['data HTML', (t) => `[${t.label}](data:text/html,<script>opener.${t.run}</script>)`],
      ['vbscript', (t) => `[${t.label}](vbscript:${t.run})`],
      ['title carrying a handler', (t) => `[${t.label}](${t.remote('html')} "onmouseover=${t.run}")`],
      ['quote breaking out of the href', (t) => `[${t.label}](${t.remote('html')}"onclick="${t.run})`],
      ['HTML as the link text', (t) => `[<img src="${t.remote('png')}" onerror=${t.run}>](${t.remote('html')})`],
      ['javascript autolink', (t) => `<javascript:${t.run}>`],
      ['data autolink', (t) => `<data:text/html,${t.run}>`],
      ['reference link to javascript', (t) => `[${t.label}][r${t.id}]\n\n[r${t.id}]: javascript:${t.run}`],
    ],
  ],
  [
    // Without `allow-images` no image loads: each shows as its alt and address, never fetched.
    'markdown images',
    [
      ['remote image', (t) => `![a](${t.remote('png')})`],
      ['remote image with a title', (t) => `![a](${t.remote('png')} "t")`],
      ['https remote image', (t) => `![a](${t.remoteHttps('png')})`],
      ['protocol-relative image', (t) => `![a](${t.remoteNoScheme('png')})`],
      ['alt breaking out of its attribute', (t) => `![a" onerror="${t.run}](${t.remote('png')})`],
      ['javascript image', (t) => `![a](javascript:${t.run})`],
      ['data SVG image with onload', (t) => `![a](data:image/svg+xml,<svg/onload=${t.run}>)`],
      ['image inside a javascript link', (t) => `[![${t.label}](${t.remote('png')})](javascript:${t.run})`],
      ['reference image', (t) => `![a][i${t.id}]\n\n[i${t.id}]: ${t.remote('png')}`],
    ],
  ],
  [
    // SVG and MathML as raw HTML: text, like any other HTML.
    'SVG and MathML',
    [
      ['script inside svg', (t) => `<svg><script>${t.run}</script></svg>`],
      ['svg link to javascript', (t) => `<svg><a xlink:href="javascript:${t.run}"><text y="9">x</text></a></svg>`],
      ['svg animate onbegin', (t) => `<svg><animate onbegin=${t.run} attributeName=x dur=1s>`],
      ['svg set to a javascript href', (t) => `<svg><a><set attributeName="href" to="javascript:${t.run}"/><text y="9">x</text></a></svg>`],
      ['svg image', (t) => `<svg><image href="${t.remote('png')}"/></svg>`],
      ['svg foreignObject with an iframe', (t) => `<svg><foreignObject><iframe srcdoc="&lt;script&gt;parent.${t.run}&lt;/script&gt;"></iframe></foreignObject></svg>`],
      ['MathML maction link', (t) => `<math><maction actiontype="statusline" xlink:href="javascript:${t.run}">x</maction></math>`],
    ],
  ],
  [
    // HTML inside code shows as code.
    'HTML in code spans and blocks',
    [
      ['code span', (t) => `\`<script>${t.run}</script>\``],
      ['double-backtick code span', (t) => `\`\`<img src="${t.remote('png')}" onerror=${t.run}> \` \`\``],
      ['fenced HTML block', (t) => `\`\`\`html\n<script>${t.run}</script>\n<img src="${t.remote('png')}" onerror=${t.run}>\n\`\`\``],
      ['info string breaking out of the class', (t) => `\`\`\`" onmouseover="${t.run}\n${t.label}\n\`\`\``],
      ['closing pre and code inside a fence', (t) => `~~~\n</code></pre><script>${t.run}</script>\n~~~`],
      ['indented code', (t) => `    <svg onload=${t.run}>`],
      ['code span as link text', (t) => `[\`<img src="${t.remote('png')}" onerror=${t.run}>\`](javascript:${t.run})`],
    ],
  ],
  [
    // Strings that turn harmful when HTML is sanitised, serialised and parsed again.
    'mutation XSS',
    [
      ['noscript title', (t) => `<noscript><p title="</noscript><img src="${t.remote('png')}" onerror=${t.run}>">`],
      ['math, table and style', (t) => `<math><mtext><table><mglyph><style><img src="${t.remote('png')}" onerror=${t.run}>`],
      ['nested forms', (t) => `<form><math><mtext></form><form><mglyph><style></math><img src="${t.remote('png')}" onerror=${t.run}>`],
      ['svg, p and style', (t) => `<svg></p><style><a id="</style><img src='${t.remote('png')}' onerror=${t.run}>">`],
      ['comment ended early', (t) => `<!--><img src="${t.remote('png')}" onerror=${t.run}>-->`],
      ['xmp title', (t) => `<xmp><p title="</xmp><img src='${t.remote('png')}' onerror=${t.run}>">`],
      ['template and style', (t) => `<template><style></template><img src="${t.remote('png')}" onerror=${t.run}></style>`],
      ['entity-encoded tag', (t) => `&lt;img src="${t.remote('png')}" onerror=${t.run}&gt;`],
      ['double-encoded tag', (t) => `&amp;lt;script&amp;gt;${t.run}&amp;lt;/script&amp;gt;`],
    ],
  ],
  [
    // The same, inside every container markdown has.
    'in tables, task lists, headings, quotes and emphasis',
    [
      ['table', (t) => `| <script>${t.run}</script> | b |\n|---|---|\n| <img src="${t.remote('png')}" onerror=${t.run}> | [c](javascript:${t.run}) |`],
      ['task list', (t) => `- [ ] <script>${t.run}</script>\n- [x] [${t.label}](javascript:${t.run})`],
      ['heading', (t) => `# <svg onload=${t.run}>`],
      ['block quote', (t) => `> <iframe srcdoc="<script>parent.${t.run}</script>">`],
      ['strong emphasis', (t) => `**<img src="${t.remote('png')}" onerror=${t.run}>**`],
    ],
  ],
];

/** Payloads delivered as the user's question (its bubble, and the conversation's title). */
const QUESTIONS: [name: string, build: Build][] = [
  ['img onerror as the question', (t) => `<img src="${t.remote('png')}" onerror=${t.run}>`],
  ['script element as the question', (t) => `<script>${t.run}</script> how do I embed confab?`],
  ['markdown javascript link as the question', (t) => `[${t.label}](javascript:${t.run}) ![b](${t.remote('png')})`],
];

/** Answer sources with dangerous URLs and HTML titles, each title holding the fingerprint. */
const SOURCES: [name: string, build: (t: PayloadTools) => XssSource][] = [
  ['source with a javascript URL', (t) => ({ url: `javascript:${t.run}`, title: `<img src="${t.remote('png')}" onerror=${t.run}>`, description: '', breadcrumbs: [] })],
  [
    'source with a data URL',
    (t) => ({ url: `data:text/html,<script>opener.${t.run}</script>`, title: `data ${t.run}`, description: `<script>${t.run}</script>`, breadcrumbs: [`<b onmouseover=${t.run}>`] }),
  ],
  ['source with a disguised javascript URL', (t) => ({ url: ` java\tscript:${t.run}`, title: `disguised ${t.run}`, description: '', breadcrumbs: [] })],
];

/** Huge and deeply nested input: it must neither hang nor overflow the renderer. */
const STRESS: [name: string, build: Build][] = [
  // 200 KB of mixed markdown in which every paragraph carries payloads.
  [
    '200 KB answer',
    (t) =>
      `${`## h\n\nSome *words*, **strong** and \`<code>\` ${'text '.repeat(30)}[l](javascript:${t.run}) ![i](${t.remote('png')}) <img src="${t.remote('png')}" onerror=${t.run}>\n\n- item <script>${t.run}</script>\n> quote\n\n`.repeat(550)}The end.`,
  ],
  ['5,000 nested block quotes', (t) => `${'>'.repeat(5_000)} [${t.label}](javascript:${t.run}) ![i](${t.remote('png')})`],
  ['5,000 nested list levels', (t) => `${'- '.repeat(5_000)}<img src="${t.remote('png')}" onerror=${t.run}>`],
  ['5,000 nested brackets', (t) => `${'['.repeat(5_000)}x${`](javascript:${t.run})`.repeat(5_000)}`],
  ['5,000 nested images', (t) => `${'!['.repeat(5_000)}x${`](${t.remote('png')})`.repeat(5_000)}`],
  ['5,000 nested emphasis', (t) => `${'*'.repeat(5_000)}<svg onload=${t.run}>${'*'.repeat(5_000)}`],
  ['300 list levels by indentation', (t) => Array.from({ length: 300 }, (_, k) => `${'  '.repeat(k)}- [${t.label}](javascript:${t.run})`).join('\n')],
];

/** The corpus, built against the counted origin. */
export interface XssCorpus {
  families: XssFamily[];
  questions: XssPayload[];
  /** One answer of its own. */
  huge: XssFamily;
  /** One answer together. */
  nested: XssFamily;
  /** Every payload, for counting and for the fingerprint check. */
  all: XssPayload[];
}

const family = (name: string, payloads: XssPayload[]): XssFamily => ({ name, payloads, answer: payloads.map((payload) => payload.text).join('\n\n') });

/** Builds the corpus with every remote resource on `elsewhere` (an origin like `http://127.0.0.1:PORT`). */
export function xssCorpus(elsewhere: string): XssCorpus {
  const host = new URL(elsewhere).host;
  let count = 0;
  const tools = (id: number): PayloadTools => ({
    id,
    label: `(#${id})`,
    run: `xssHit(${id})`,
    remote: (ext) => `${elsewhere}/xss/${id}.${ext}`,
    remoteHttps: (ext) => `https://${host}/xss/${id}.${ext}`,
    remoteNoScheme: (ext) => `//${host}/xss/${id}.${ext}`,
  });
  const numbered = (id: number, name: string, text: string): XssPayload => {
    // Each payload names itself by its label, its marker call or its resource; the test looks for that.
    const fingerprint = [`(#${id})`, `xssHit(${id})`, `/xss/${id}.`].find((candidate) => text.includes(candidate));
    if (!fingerprint) throw new Error(`xss corpus: payload ${id} (${name}) carries no fingerprint`);
    return { id, name, text, fingerprint };
  };
  const payload = ([name, build]: [string, Build]): XssPayload => {
    const id = ++count;
    return numbered(id, name, build(tools(id)));
  };

  const families = FAMILIES.map(([name, builds]) => family(name, builds.map(payload)));
  const sourced = SOURCES.map(([name, build]) => {
    const id = ++count;
    const source = build(tools(id));
    return { payload: numbered(id, name, source.title), source };
  });
  families.push({
    name: 'answer sources',
    payloads: sourced.map(({ payload: sourcePayload }) => sourcePayload),
    answer: 'The sources of this answer are hostile.',
    sources: sourced.map(({ source }) => source),
  });
  const questions = QUESTIONS.map(payload);
  const [huge, ...nested] = STRESS.map(payload);
  if (!huge) throw new Error('xss corpus: no huge payload');
  return {
    families,
    questions,
    huge: family('huge', [huge]),
    nested: family('deeply nested', nested),
    all: [...families.flatMap((each) => each.payloads), ...questions, huge, ...nested],
  };
}
