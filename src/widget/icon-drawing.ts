/**
 * How the widget draws its icons, shared by the panel's components (components/icons.tsx)
 * and the loader's launcher (launcher-view.ts), which draws the same button without Preact
 * before the panel is there. Separate constants, so the loader takes only the two it shows.
 */
export const CHAT_PATH = 'M4 5h16v10H8l-4 4z';
export const CLOSE_PATH = 'M6 6l12 12M18 6L6 18';

/** The `<svg>`'s attributes: decorative, the button that holds it carries the name. */
export const ICON_SVG = { class: 'icon', viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false' } as const;

/** The `<path>`'s attributes: a line in the text's colour. */
export const ICON_STROKE = { fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' } as const;
