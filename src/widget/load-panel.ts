import type * as AnalyticsModule from './analytics-module';
import type { ConversationListChunk } from './components/conversation-list-slot';
import type { HandoffChunk } from './handoff/handoff-registry';
import type { LanguageModule, Translated } from './i18n';
import type { createPanel } from './panel/create-panel';
import type * as PulseModule from './pulse-module';

/** What the panel's chunk exports. */
export interface PanelModule {
  createPanel: typeof createPanel;
}

/**
 * The script-tag build's chunks, each loaded when wanted: the panel (with the logging chunk
 * where the chat logs), then the optional features, and the panel's texts in each language
 * other than English (where a page is in it).
 */
export interface Chunks extends Record<Translated, LanguageModule> {
  panel: PanelModule;
  analytics: typeof AnalyticsModule;
  handoff: HandoffChunk;
  pulse: typeof PulseModule;
  'conversation-list': ConversationListChunk;
}

/** The chunks the panel loads itself, through its host: every one but the panel's own. */
export type FeatureName = Exclude<keyof Chunks, 'panel'>;

/** A chunk's file when known (the script-tag build knows its own), for the error that names it. */
export const chunkFile = (_name: keyof Chunks): string | undefined => undefined;

const imports: { [K in keyof Chunks]: () => Promise<Chunks[K]> } = {
  panel: () => import('./panel/create-panel'),
  analytics: () => import('./analytics-module'),
  handoff: () => import('./handoff/handoff-module'),
  pulse: () => import('./pulse-module'),
  de: () => import('./i18n/de'),
  ar: () => import('./i18n/ar'),
  'conversation-list': () => import('./components/conversation-list'),
};

/**
 * Loads a chunk (`attempt` counts the tries, for a retry). The npm entries import each
 * dynamically, so the app's bundler puts it in a chunk of its own, loaded when the widget
 * needs it; the script-tag build swaps this module for load-panel-embed.ts.
 */
export function loadChunk<K extends keyof Chunks>(name: K, _attempt: number): Promise<Chunks[K]> {
  return imports[name]();
}
