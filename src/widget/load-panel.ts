import type { createPanel } from './panel/create-panel';

/** What the panel's chunk exports. */
export interface PanelModule {
  createPanel: typeof createPanel;
}

/** The panel's file when known (the script-tag build knows its own), for the error that names it. */
export const PANEL_FILE: string | undefined = undefined;

/**
 * Loads the panel's chunk (`attempt` counts the tries, for a retry). The npm entries import it
 * dynamically, so the app's bundler puts it in a chunk of its own, loaded when the widget
 * needs it; the script-tag build swaps this module for load-panel-embed.ts.
 */
export function loadPanel(_attempt: number): Promise<PanelModule> {
  return import('./panel/create-panel');
}
