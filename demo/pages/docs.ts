/**
 * The docs pages (index.html with the script-tag launcher, inline.html with the inline
 * element, and pulse.html on the PulseAI backend): the theme control (page colours and the widget's `theme` attribute, through
 * `window.confab.element` or the `<confab-chat>` in the page) and the "ask" buttons in the
 * prose (`window.confab.open()` / `send()`). On index.html it runs before `/confab.js`, so
 * the stored theme is on the script tag when the embed reads it.
 */
import { embeddedWidget, wireAskButtons } from './confab-global';
import { presetScriptTheme, setupThemeSelect } from './theme';

presetScriptTheme();
setupThemeSelect(document.getElementById('theme') as HTMLSelectElement, embeddedWidget);
wireAskButtons();
