const sheets = new Map<string, CSSStyleSheet>();

/**
 * Adds `css` to a shadow root as a constructed stylesheet, shared by every instance under
 * `name`: no `<style>` element, so a strict CSP (`style-src 'self'`) allows it. Browsers
 * without constructable stylesheets (Safari before 16.4) get a `<style>` in the shadow root.
 */
export function adoptStyles(root: ShadowRoot, css: string, name: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    let sheet = sheets.get(name);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(name, sheet);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}
