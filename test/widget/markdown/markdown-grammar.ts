import fc from 'fast-check';

/**
 * Random chat answers from a small grammar of what models write: paragraphs of words with
 * emphasis, strong, strikethrough, code spans, inline, reference and auto links, character
 * references; headings, bullet and ordered lists, quotes, fenced code, tables. Reference
 * definitions come first, so that every reference can link while the answer streams.
 */
const word = fc.constantFrom('alpha', 'beta', 'gamma', 'data', 'x1', 'value', 'café', '42', 'snake_case', 'a.b');
const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
const label = fc.constantFrom('1', '2', 'docs');
const code = fc.constantFrom('x', 'a * b', 'f(_)', '[i]', 'a | b', '~x~');

const inline = fc.oneof(
  { weight: 6, arbitrary: words },
  { weight: 2, arbitrary: words.map((w) => `**${w}**`) },
  { weight: 2, arbitrary: words.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: words.map((w) => `_${w}_`) },
  { weight: 1, arbitrary: words.map((w) => `~~${w}~~`) },
  { weight: 2, arbitrary: code.map((c) => `\`${c}\``) },
  { weight: 2, arbitrary: fc.tuple(words, word).map(([w, path]) => `[${w}](https://example.com/${encodeURIComponent(path)} "T")`) },
  { weight: 1, arbitrary: fc.tuple(words, label).map(([w, l]) => `[${w}][${l}]`) },
  { weight: 1, arbitrary: label.map((l) => `[${l}]`) },
  { weight: 1, arbitrary: fc.constantFrom('<https://example.com/a>', 'https://example.com/b', 'www.example.com') },
  { weight: 1, arbitrary: fc.constantFrom('&amp;', '&mdash;', '&#169;', '&nbsp;') },
);
const text = fc.array(inline, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' '));
const cell = fc.oneof(words, inline.filter((s) => !s.includes('|')));

const block = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), text).map(([n, t]) => `${'#'.repeat(n)} ${t}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('- ', '1. '), fc.array(text, { minLength: 1, maxLength: 3 })).map(([m, items]) => items.map((t) => m + t).join('\n')) },
  { weight: 1, arbitrary: text.map((t) => `> ${t}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', 'ts', 'sh'), fc.array(code, { minLength: 1, maxLength: 3 })).map(([lang, lines]) => `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 3 }).chain((columns) =>
      fc.tuple(fc.array(cell, { minLength: columns, maxLength: columns }), fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 3 })).map(
        ([head, rows]) => [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n'),
      ),
    ),
  },
);

/** A whole answer: the definitions, then blocks separated by blank lines, maybe a final line ending. */
export const answer = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([blocks, newline]) => `[1]: https://example.com/one "One"\n[docs]: https://example.com/docs\n\n${blocks.join('\n\n')}${newline ? '\n' : ''}`);

/**
 * An answer's tokens, roughly as a model's tokenizer cuts it: runs of spaces, of letters,
 * of digits, and of one punctuation character (`**` and a fence's backticks come in one token).
 */
export const tokens = (text: string): string[] => text.match(/\s+|\p{L}+|\d+|([^\s\p{L}\d])\1*/gu) ?? [];
