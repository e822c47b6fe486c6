import type { Dayjs } from 'dayjs';

/** The kinds of report (the server's reportKinds); the first four are the ones the scheduler makes. */
export const reportKinds = [
  { value: 'daily', label: '日报' },
  { value: 'weekly', label: '周报' },
  { value: 'monthly', label: '月报' },
  { value: 'yearly', label: '年报' },
  { value: 'custom', label: '专题报告' },
] as const;

export type ScheduledKind = 'daily' | 'weekly' | 'monthly' | 'yearly';
export const scheduledKinds = reportKinds.filter((k): k is (typeof reportKinds)[number] & { value: ScheduledKind } => k.value !== 'custom');

export type ReportKindValue = (typeof reportKinds)[number]['value'];

/**
 * The period a report of a kind covers, from the day picked in it: that day, its Monday-to-Sunday week, its calendar
 * month or year (the server refuses any other period for these kinds, domain/report-text.ts periodMismatch). The week
 * is counted from Monday here, not by the picker's locale (English weeks start on Sunday).
 */
export function reportPeriod(kind: Exclude<ReportKindValue, 'custom'>, day: Dayjs): { from: string; to: string } {
  const f = (d: Dayjs) => d.format('YYYY-MM-DD');
  switch (kind) {
    case 'daily':
      return { from: f(day), to: f(day) };
    case 'weekly': {
      const monday = day.subtract((day.day() + 6) % 7, 'day');
      return { from: f(monday), to: f(monday.add(6, 'day')) };
    }
    case 'monthly':
      return { from: f(day.startOf('month')), to: f(day.endOf('month')) };
    case 'yearly':
      return { from: f(day.startOf('year')), to: f(day.endOf('year')) };
  }
}

/**
 * Whether the period picked by the day `d` ends after `today` (the hotline's day, UTC+8: api.ts `today()`), so the
 * pickers do not offer it: the server refuses a report of days to come (REPORT_PERIOD_IN_FUTURE). A week, month or year
 * is offered from its last day on (a report of it so far); a special report's days one by one.
 */
export function endsAfter(kind: ReportKindValue, d: Dayjs, today: string): boolean {
  return (kind === 'custom' ? d.format('YYYY-MM-DD') : reportPeriod(kind, d).to) > today;
}
