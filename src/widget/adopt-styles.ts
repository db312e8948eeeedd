const sheets = new Map<string, CSSStyleSheet>();

/**
 * Adds `css` to a shadow root as a constructed stylesheet, shared by every instance under
 * `name`: no `<style>` element, so a strict CSP (`style-src 'self'`) allows it. Every browser
 * the build targets has them (Vite's baseline: Safari 16.4, Chrome 111, Firefox 114); where a
 * root has none (jsdom), the widget works unstyled.
 */
export function adoptStyles(root: ShadowRoot, css: string, name: string): void {
  let sheet = sheets.get(name);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(name, sheet);
  }
  const adopted = root.adoptedStyleSheets ?? [];
  if (!adopted.includes(sheet)) root.adoptedStyleSheets = [...adopted, sheet];
}
