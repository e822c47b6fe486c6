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
