/**
 * A keydown handler for a form inside the panel: Escape runs `cancel` and goes no further,
 * so it leaves the form, not the whole panel (which closes on an Escape that reaches it).
 */
export const onEscape =
  (cancel: () => void, when = true) =>
  (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !when) return;
    event.stopPropagation();
    cancel();
  };
