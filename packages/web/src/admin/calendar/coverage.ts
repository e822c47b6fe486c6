import type { T } from '../../i18n/i18n.js';

/**
 * The calendar's coverage warning in the interface language, from the dates the server sends (its `warning` is
 * Chinese and says when to warn: none while more than 60 days are left). The year to enter is the one after the
 * last covered day; past it deadlines are counted on the provisional year.
 */
export function coverageWarningText(cov: { lastDay: string | null; daysLeft: number | null; warning: string | null }, t: T): string | null {
  if (!cov.warning) return null;
  if (!cov.lastDay || cov.daysLeft === null) return t('工作日历为空：所有按工作日计算的期限都无法计算，请导入节假日数据');
  const year = new Date(Date.parse(`${cov.lastDay}T00:00:00Z`) + 86_400_000).getUTCFullYear();
  const provisional = t('{year} 年的期限暂按《全国年节及纪念日放假办法》推算（不含调休上班日），标为“暂定”', { year });
  return cov.daysLeft < 0
    ? t('工作日历只覆盖到 {day}，已过期 {n} 天：{provisional}，请立即维护 {year} 年节假日安排', { day: cov.lastDay, n: -cov.daysLeft, provisional, year })
    : t('工作日历只覆盖到 {day}，还剩 {n} 天：请在国务院办公厅公布后维护 {year} 年节假日安排；在此之前，{provisional}', {
        day: cov.lastDay,
        n: cov.daysLeft,
        provisional,
        year,
      });
}
