import { describe, expect, it } from 'vitest';
import { format } from '../../../src/widget/i18n';

const rows = [
  { name: 'one placeholder', template: 'Image not loaded: {url}', values: { url: 'https://x.test/a.png' }, out: 'Image not loaded: https://x.test/a.png' },
  { name: 'two, one repeated', template: '{a} and {b} and {a}', values: { a: 'x', b: 'y' }, out: 'x and y and x' },
  { name: 'a number', template: '{n} left', values: { n: 3 }, out: '3 left' },
  { name: 'a missing value stays visible', template: 'Hi {name}', values: {}, out: 'Hi {name}' },
  { name: 'no placeholders', template: 'Plain', values: { a: 'x' }, out: 'Plain' },
  { name: '$-patterns in values stay literal', template: 'got {v}', values: { v: "$& $1 $' $$" }, out: "got $& $1 $' $$" },
  { name: 'a value holding a placeholder is not filled again', template: '{a}{b}', values: { a: '{b}', b: 'B' }, out: '{b}B' },
  { name: 'Object.prototype names are not values', template: '{constructor} {toString}', values: {}, out: '{constructor} {toString}' },
  { name: 'an empty value', template: '[{x}]', values: { x: '' }, out: '[]' },
  { name: 'braces without a name stay', template: '{} { a }', values: { a: 'x' }, out: '{} { a }' },
].map((row, index) => ({ n: index + 1, ...row }));

describe('format', () => {
  it.each(rows)('row $n: $name', ({ template, values, out }) => {
    expect(format(template, values)).toBe(out);
  });
});
