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
  expand: 'M14 4h6v6M10 20H4v-6M20 4l-6 6M4 20l6-6',
  collapse: 'M20 4l-6 6M14 5v5h5M4 20l6-6M10 19v-5H5',
} as const;

export type IconName = keyof typeof paths;

/** The drawing of an icon only a chunk of its own shows (the conversation list's): it stays in that chunk. */
export interface IconPath {
  readonly path: string;
}

/** One of the panel's icons by name, or a chunk's own drawing. */
export function Icon({ name }: { name: IconName | IconPath }) {
  return (
    <svg {...ICON_SVG}>
      <path d={typeof name === 'string' ? paths[name] : name.path} {...ICON_STROKE} />
    </svg>
  );
}
