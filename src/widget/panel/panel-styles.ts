import css from '../styles/widget.css?inline';
import { adoptStyles } from '../adopt-styles';

/** The panel's rules join the launcher's in the element's shadow root, once. */
export function adoptPanelStyles(root: ShadowRoot): void {
  adoptStyles(root, css, 'panel');
}
