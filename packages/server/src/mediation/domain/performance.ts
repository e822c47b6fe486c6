/**
 * A mediation agreement (调解协议) is only worth what is paid: each instalment of the payment schedule is followed
 * until paid, and the agreement's performance is judged from them (履行情况).
 */
export type Instalment = { dueDate: string; amount: number; paidAt: string | null; paidAmount: number | null };
export type InstalmentStatus = 'paid_on_time' | 'paid_late' | 'part_paid' | 'due' | 'overdue';
export type Performance = 'performed' | 'performing' | 'breached';

/** `today` is a calendar date (YYYY-MM-DD) in the hotline's time zone: instalments fall due by the day, not the instant. */
export function instalmentStatus(i: Instalment, today: string): InstalmentStatus {
  if (i.paidAt !== null) {
    if ((i.paidAmount ?? i.amount) < i.amount) return 'part_paid';
    return i.paidAt.slice(0, 10) <= i.dueDate ? 'paid_on_time' : 'paid_late';
  }
  return today > i.dueDate ? 'overdue' : 'due';
}

export function performanceOf(schedule: Instalment[], today: string): { performance: Performance; paid: number; total: number; statuses: InstalmentStatus[] } {
  const statuses = schedule.map((i) => instalmentStatus(i, today));
  const paid = schedule.reduce((s, i) => s + (i.paidAt ? (i.paidAmount ?? i.amount) : 0), 0);
  const total = schedule.reduce((s, i) => s + i.amount, 0);
  const performance: Performance = statuses.some((s) => s === 'overdue' || s === 'part_paid')
    ? 'breached'
    : statuses.every((s) => s === 'paid_on_time' || s === 'paid_late')
      ? 'performed'
      : 'performing';
  return { performance, paid, total, statuses };
}

export type ScheduleProblem = { field: string; message: string };

/**
 * A schedule must add up to the agreed amount and run in date order, and nothing falls due before the agreement was
 * signed (`signedOn`, the local date of signing): an instalment due earlier was owed before anyone agreed to it.
 */
export function checkSchedule(schedule: Omit<Instalment, 'paidAt' | 'paidAmount'>[], agreedAmount: number, signedOn?: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const sum = Math.round(schedule.reduce((s, i) => s + i.amount, 0) * 100) / 100;
  if (schedule.length && sum !== Math.round(agreedAmount * 100) / 100)
    problems.push({ field: 'paymentSchedule', message: `分期金额合计 ${sum} 元，与协议金额 ${agreedAmount} 元不一致` });
  schedule.forEach((i, k) => {
    if (!(i.amount > 0)) problems.push({ field: `paymentSchedule.${k}.amount`, message: '每期金额必须大于 0' });
    if (signedOn && i.dueDate < signedOn)
      problems.push({ field: `paymentSchedule.${k}.dueDate`, message: `第${k + 1}期到期日不能早于协议签订日期（${signedOn}）` });
    else if (k > 0 && i.dueDate < schedule[k - 1]!.dueDate) problems.push({ field: `paymentSchedule.${k}.dueDate`, message: '分期日期应按先后顺序排列' });
  });
  return problems;
}
