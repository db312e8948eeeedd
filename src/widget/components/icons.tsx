import { CHAT_PATH, CLOSE_PATH, ICON_STROKE, ICON_SVG } from '../icon-drawing';

/**
 * The widget's icons as inline SVG vnodes: no icon font, no network request, and they
 * follow `currentColor`. Decorative: the buttons that hold them carry the accessible name.
 */
const paths = {
  chat: CHAT_PATH,
  close: CLOSE_PATH,
  plus: 'M12 5v14M5 12h14',
  list: 'M5 7h14M5 12h14M5 17h14',
  send: 'M4 12l16-8-6 16-2-6z',
  stop: 'M7 7h10v10H7z',
  retry: 'M19 12a7 7 0 1 1-2-4.9M19 4v4h-4',
  copy: 'M9 9h10v10H9zM5 15V5h10',
  // Thumbs up; thumbs down is the same drawing turned over (widget.css, `.thumb-down`).
  thumb: 'M7 11v9H4v-9zM7 11l4-7c2 0 2 2 2 3l-1 4h6c1 0 2 1 2 2l-2 6c0 1-1 1-2 1H7',
  back: 'M15 5l-7 7 7 7',
  edit: 'M4 20h4L19 9l-4-4L4 16zM14 6l4 4',
  trash: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13',
  expand: 'M14 4h6v6M10 20H4v-6M20 4l-6 6M4 20l6-6',
  collapse: 'M20 4l-6 6M14 5v5h5M4 20l6-6M10 19v-5H5',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg {...ICON_SVG}>
      <path d={paths[name]} {...ICON_STROKE} />
    </svg>
  );
}
