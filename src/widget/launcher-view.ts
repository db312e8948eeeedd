import type { Strings } from './i18n';

/** The same drawings as the panel's `chat` and `close` icons (components/icons.tsx), without Preact. */
const PATHS = {
  chat: 'M4 5h16v10H8l-4 4z',
  close: 'M6 6l12 12M18 6L6 18',
} as const;

const SVG = 'http://www.w3.org/2000/svg';

/** What the launcher shows: open or not, and whether an answer arrived unseen. */
export interface LauncherState {
  open: boolean;
  strings: Pick<Strings, 'launcherOpen' | 'launcherClose'>;
}

/**
 * The launcher the loader paints before the panel's chunk is there: the same button the panel
 * renders (`.launcher`, `part="launcher"`, the same label and icon), built with DOM calls, so
 * it costs neither Preact nor `innerHTML` (which Trusted Types would refuse). The panel's own
 * launcher takes its place once the panel is mounted.
 */
export function createLauncher(on: { press(): void; want(): void }): { button: HTMLButtonElement; show(state: LauncherState): void } {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  const svg = document.createElementNS(SVG, 'svg');
  const path = document.createElementNS(SVG, 'path');
  for (const [name, value] of Object.entries({ class: 'icon', viewBox: '0 0 24 24', width: '20', height: '20', 'aria-hidden': 'true', focusable: 'false' })) svg.setAttribute(name, value);
  for (const [name, value] of Object.entries({ fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })) path.setAttribute(name, value);
  svg.append(path);
  button.append(svg);
  // Hovering, focusing or pressing it says the panel is about to be wanted: its chunk loads.
  for (const type of ['pointerenter', 'focus', 'pointerdown', 'touchstart']) button.addEventListener(type, on.want, { passive: true });
  button.addEventListener('click', on.press);
  return {
    button,
    show({ open, strings }) {
      const label = open ? strings.launcherClose : strings.launcherOpen;
      button.setAttribute('aria-expanded', String(open));
      button.setAttribute('aria-label', label);
      button.title = label;
      path.setAttribute('d', PATHS[open ? 'close' : 'chat']);
    },
  };
}
