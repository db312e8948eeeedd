const DAY = 86_400_000;
const STEPS: Array<[unit: Intl.RelativeTimeFormatUnit, ms: number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** How long ago `at` was, in `lang`'s words ("5 minutes ago", "yesterday", "now"). */
export function timeAgo(at: number, now: number, lang: string): string {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const ago = Math.max(0, now - at);
  for (const [unit, ms] of STEPS) if (ago >= ms) return format.format(-Math.floor(ago / ms), unit);
  return format.format(0, 'second');
}

/** The start of the local day of `at`. */
const dayOf = (at: number) => new Date(at).setHours(0, 0, 0, 0);

/**
 * The day heading `at` falls under: `today`, `yesterday`, or the date in `lang` (with the
 * year only when it is not this one's).
 */
export function dayHeading(at: number, now: number, lang: string, words: { today: string; yesterday: string }): string {
  const days = Math.round((dayOf(now) - dayOf(at)) / DAY);
  if (days <= 0) return words.today;
  if (days === 1) return words.yesterday;
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
}
