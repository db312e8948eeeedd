import type { Strings } from './i18n';
import { CHAT_PATH, CLOSE_PATH, ICON_STROKE, ICON_SVG } from './icon-drawing';

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
  for (const [name, value] of Object.entries(ICON_SVG)) svg.setAttribute(name, value);
  for (const [name, value] of Object.entries(ICON_STROKE)) path.setAttribute(name, value);
  svg.append(path);
  button.append(svg);
  // Hovering, focusing or pressing it says the panel is about to be wanted: its chunk loads.
  for (const type of ['pointerenter', 'focus', 'pointerdown']) button.addEventListener(type, on.want, { passive: true });
  button.addEventListener('click', on.press);
  return {
    button,
    show({ open, strings }) {
      const label = open ? strings.launcherClose : strings.launcherOpen;
      button.setAttribute('aria-expanded', String(open));
      button.setAttribute('aria-label', label);
      button.title = label;
      path.setAttribute('d', open ? CLOSE_PATH : CHAT_PATH);
    },
  };
}
