/**
 * Fills the `{name}` placeholders of a text from `values`. A placeholder without a value
 * stays as written, so a translation with a typo shows `{url}` instead of `undefined`.
 */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  // A replacer function, not a replacement string: `$&` and `$1` in a value must stay literal.
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}
