import type { JSX } from 'preact';
import { Icon, type IconName, type IconPath } from './icons';

/** The props of {@link IconButton}: a button's own, plus its icon and accessible name. */
type IconButtonProps = Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'icon' | 'label'> & {
  icon: IconName | IconPath;
  /** The accessible name, and the tooltip unless `title` is given. */
  label: string;
};

/** A button that shows an icon: named for screen readers, with the name as its tooltip. */
export function IconButton({ icon, label, class: extra, children, ...button }: IconButtonProps) {
  return (
    <button type="button" class={extra ? `icon-button ${extra}` : 'icon-button'} aria-label={label} title={label} {...button}>
      <Icon name={icon} />
      {children}
    </button>
  );
}
