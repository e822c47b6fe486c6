/**
 * Local dates ('YYYY-MM-DD') and day numbers (days since 1970-01-01) by integer arithmetic (H. Hinnant's
 * days_from_civil / civil_from_days), for working-time.ts. Every deadline walks the calendar day by day; doing it
 * through `Date.parse` of a string and `toISOString` was most of the deadline computation's time at intake and of
 * the bulk seed's generator (issue 18). Pure. A date that is not a real calendar date between 0000 and 9999 answers
 * null, and the caller keeps the `Date`-based way for it (so odd input behaves exactly as before).
 */
const daysIn = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** The day number of a 'YYYY-MM-DD' date, or null for anything else (other lengths, non-digits, 30 February). */
export function dayNumberOf(date: string): number | null {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return null;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = digit(date, i);
    if (c < 0 || c > 9) return null;
    y = y * 10 + c;
  }
  const [m1, m2, d1, d2] = [digit(date, 5), digit(date, 6), digit(date, 8), digit(date, 9)];
  if ([m1, m2, d1, d2].some((c) => c < 0 || c > 9)) return null;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && isLeap(y) ? 29 : daysIn[m - 1]!)) return null;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The 'YYYY-MM-DD' date of a day number, or null outside the years 0000–9999 (or for a number that is not whole). */
export function dateOfDayNumber(n: number): string | null {
  if (!Number.isInteger(n)) return null;
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return null;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
