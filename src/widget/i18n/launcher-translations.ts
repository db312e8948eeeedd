import type { Strings } from './strings';
import type { Row } from './translations';

/**
 * The built-in texts the loader shows before the panel's chunk is there (the launcher, and
 * the failure to load the panel with Retry), in the languages of {@link LANGUAGES}: a table of
 * their own, so the loader carries these rows and not every text of the panel.
 */
export const LAUNCHER_TRANSLATIONS: { readonly [K in LauncherText]: Row } = {
  launcherOpen: ['Open chat', 'Chat öffnen', 'فتح المحادثة'],
  launcherClose: ['Close chat', 'Chat schließen', 'إغلاق المحادثة'],
  retry: ['Retry', 'Erneut versuchen', 'إعادة المحاولة'],
  loadFailed: [
    'The chat could not be loaded. Check your connection, then try again.',
    'Der Chat konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    'تعذّر تحميل المحادثة. تحقّق من اتصالك، ثم أعد المحاولة.',
  ],
};

/** The keys of {@link Strings} the loader shows. */
export type LauncherText = Extract<keyof Strings, 'launcherOpen' | 'launcherClose' | 'retry' | 'loadFailed'>;
