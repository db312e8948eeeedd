import { useEffect, useRef } from 'preact/hooks';
import { useValue } from '../use-value';
import { useWidget } from '../widget-context';
import { Icon } from './icons';
import { Panel } from './panel';

/** The widget: the panel alone inline, or a launcher button that opens it. */
export function App() {
  const { settings, strings, ui } = useWidget();
  const launcher = useRef<HTMLButtonElement>(null);
  const open = useValue(ui.open);
  const unread = useValue(ui.unread);
  const wasOpen = useRef(open);

  // Focus goes back to the launcher when the panel closes (the composer takes it on open).
  useEffect(() => {
    if (wasOpen.current && !open) launcher.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (settings.mode === 'inline') return <Panel />;
  const label = open ? strings.launcherClose : unread ? `${strings.launcherOpen} (${strings.unread})` : strings.launcherOpen;
  return (
    <>
      <Panel onClose={() => (ui.open.value = false)} />
      <button ref={launcher} type="button" class="launcher" part="launcher" aria-expanded={open} aria-label={label} title={label} onClick={() => (ui.open.value = !open)}>
        <Icon name={open ? 'close' : 'chat'} />
        {unread && !open && <span class="unread" aria-hidden="true" />}
      </button>
    </>
  );
}
