import type { T } from '../../i18n/i18n.js';

/**
 * A meeting's title: the one the recorder gave, or the server's default when none was given ("2026-12-03 周例会",
 * supervision/reviews.service.ts), which is said in the interface language.
 */
export const meetingTitle = (m: { title: string; heldOn: string }, t: T): string =>
  m.title === `${m.heldOn} 周例会` ? t('{date} 周例会', { date: m.heldOn }) : m.title;
