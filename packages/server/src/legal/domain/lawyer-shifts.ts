/**
 * Lawyer seats (律师座席): which volunteer lawyers are on duty on which day, from the roster alone.
 *
 * The rotation walks the roster in its order over the WORKING days of the calendar, `perDay` lawyers a day, counted
 * from the roster's anchor date (Inner Mongolia: 17 lawyers, 2 a day, so each serves about once a fortnight and the
 * pairs change every day). A day off has no lawyer seat. The same date always gets the same lawyers, whatever range
 * is asked for, because the position is counted from the anchor, not from the start of the range. No clock here: the
 * caller passes the dates and the calendar's answer for each day.
 */
export type RosterLawyer = { id: string; name: string };
export type Roster<L extends RosterLawyer = RosterLawyer> = { lawyers: readonly L[]; perDay: number; anchorDate: string };
/** Two lawyers exchange a day each: `lawyerId` gives up `date` and takes `withDate`; `withLawyerId` the reverse. */
export type Swap = { id: string; date: string; lawyerId: string; withDate: string; withLawyerId: string };
export type ShiftDay<L extends RosterLawyer = RosterLawyer> = { date: string; workday: boolean; lawyers: (L & { swapId: string | null })[] };

const dayNumber = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Working days from the anchor to a date: 0 for the anchor (or the first working day after it), negative before. */
function workingIndex(date: string, anchor: string, isWorkday: (d: string) => boolean): number {
  const a = dayNumber(anchor);
  const d = dayNumber(date);
  let k = 0;
  if (d >= a) for (let n = a; n < d; n++) k += isWorkday(dateOf(n)) ? 1 : 0;
  else for (let n = d; n < a; n++) k -= isWorkday(dateOf(n)) ? 1 : 0;
  return k;
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The roster's days in [from, to] (both included) before any swap. */
export function rotation<L extends RosterLawyer>(roster: Roster<L>, from: string, to: string, isWorkday: (d: string) => boolean): ShiftDay<L>[] {
  const n = roster.lawyers.length;
  const perDay = Math.min(roster.perDay, n);
  const days: ShiftDay<L>[] = [];
  if (to < from) return days;
  let k = workingIndex(from, roster.anchorDate, isWorkday);
  for (let d = dayNumber(from); d <= dayNumber(to); d++) {
    const date = dateOf(d);
    const workday = isWorkday(date);
    const lawyers = workday && n > 0 ? Array.from({ length: perDay }, (_, i) => ({ ...roster.lawyers[mod(k * perDay + i, n)]!, swapId: null })) : [];
    days.push({ date, workday, lawyers });
    if (workday) k++;
  }
  return days;
}

export type SwapProblem = 'not_on_duty' | 'with_not_on_duty' | 'same_lawyer' | 'same_day' | 'already_on_duty';

/**
 * Whether a swap can be made on these days: each lawyer is on duty on the day they give up, and neither is already
 * on duty on the day they take (a lawyer is never twice on one day).
 */
export function swapProblem(days: readonly ShiftDay[], s: Omit<Swap, 'id'>): SwapProblem | null {
  if (s.lawyerId === s.withLawyerId) return 'same_lawyer';
  if (s.date === s.withDate) return 'same_day';
  const on = (date: string, id: string) => days.find((d) => d.date === date)?.lawyers.some((l) => l.id === id) ?? false;
  if (!on(s.date, s.lawyerId)) return 'not_on_duty';
  if (!on(s.withDate, s.withLawyerId)) return 'with_not_on_duty';
  if (on(s.withDate, s.lawyerId) || on(s.date, s.withLawyerId)) return 'already_on_duty';
  return null;
}

/**
 * The days with the swaps made, oldest swap first. A swap the roster no longer allows (the roster changed since) is
 * skipped and reported, never half applied. Both days of each swap must be among the days.
 */
export function withSwaps<L extends RosterLawyer>(days: readonly ShiftDay<L>[], swaps: readonly Swap[]): { days: ShiftDay<L>[]; skipped: string[] } {
  const out = days.map((d) => ({ ...d, lawyers: [...d.lawyers] }));
  const skipped: string[] = [];
  for (const s of swaps) {
    const a = out.find((d) => d.date === s.date);
    const b = out.find((d) => d.date === s.withDate);
    if (!a || !b || swapProblem(out, s)) {
      skipped.push(s.id);
      continue;
    }
    const ia = a.lawyers.findIndex((l) => l.id === s.lawyerId);
    const ib = b.lawyers.findIndex((l) => l.id === s.withLawyerId);
    const la = a.lawyers[ia]!;
    const lb = b.lawyers[ib]!;
    a.lawyers[ia] = { ...lb, swapId: s.id };
    b.lawyers[ib] = { ...la, swapId: s.id };
  }
  return { days: out, skipped };
}

/**
 * The shifts of [from, to] with the swaps made. Swaps are applied on a range wide enough to hold both of their days,
 * so a swap with a day outside the range asked for still shows on the day inside it.
 */
export function shifts<L extends RosterLawyer>(
  roster: Roster<L>,
  swaps: readonly Swap[],
  from: string,
  to: string,
  isWorkday: (d: string) => boolean,
): { days: ShiftDay<L>[]; skipped: string[] } {
  const dates = swaps.flatMap((s) => [s.date, s.withDate]).filter((d) => d);
  const lo = [from, ...dates].sort()[0]!;
  const hi = [to, ...dates].sort().at(-1)!;
  const wide = withSwaps(rotation(roster, lo, hi, isWorkday), swaps);
  return { days: wide.days.filter((d) => d.date >= from && d.date <= to), skipped: wide.skipped };
}
