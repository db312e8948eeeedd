/**
 * The inline page's npm import: registering `<confab-chat>` upgrades the
 * `<confab-chat mode="inline">` written in the HTML. (The theme control is docs.ts, a
 * separate module script, so the page works even while the widget does not load.)
 */
import 'confab-chat/element';
