import dayjs from 'dayjs';

/** Times are shown in the hotline's own zone (UTC+8) whatever the browser's, as every deadline is counted there. */
const beijing = (iso: string) => dayjs(new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19));

export const formatTime = (iso: string | null | undefined) => (iso ? beijing(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatShortTime = (iso: string | null | undefined) => (iso ? beijing(iso).format('MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? beijing(iso).format('YYYY-MM-DD') : '—');

/** An amount of yuan: "120,000 元" in Chinese, "¥120,000" in English (the walk-through read "120,000 元" there). */
export const formatMoney = (n: number | null | undefined, lang: 'zh' | 'en' = 'zh') =>
  n === null || n === undefined
    ? '—'
    : lang === 'en'
      ? `¥${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`
      : `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

export const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** 13812345678 → 138****5678: the rule the server applies, used where the client itself shows a number it holds. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const p = phone.replace(/[\s-]/g, '');
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  if (p.length >= 7) return `${p.slice(0, 2)}***${p.slice(-2)}`;
  return '***';
}

/** "in 2 h 5 min" / "3 h overdue", for deadlines. */
export function remaining(iso: string, now: number, t: (s: string, v?: Record<string, string | number>) => string): string {
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const span = d ? t('{d} 天 {h} 小时', { d, h }) : h ? t('{h} 小时 {m} 分', { h, m }) : t('{m} 分钟', { m });
  return ms >= 0 ? t('剩余 {span}', { span }) : t('已超 {span}', { span });
}

/** Below this a figure is shown whole (99,999 fits any card); from it on in 万/亿 (zh) or K/M/B (en). */
export const compactFrom = 100_000;

/**
 * A large figure short enough for a KPI card or the big screen: 100004665643 → "1000.05亿" (zh), "100B" (en); at most
 * two decimals, smaller figures whole (grouped unless `grouping: false`, as counts have always been shown). The exact
 * figure belongs in a title next to it (`formatExact`). The browser's own compact notation (Intl), which knows 万,
 * 亿 and 万亿.
 */
export function formatCompact(n: number | null | undefined, lang: 'zh' | 'en', { grouping = true }: { grouping?: boolean } = {}): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const locale = lang === 'en' ? 'en-US' : 'zh-CN';
  if (Math.abs(n) < compactFrom) return n.toLocaleString(locale, { maximumFractionDigits: 0, useGrouping: grouping });
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 2 }).format(n);
}

/** The whole figure, grouped: for the title of a compact one. */
export const formatExact = (n: number | null | undefined, lang: 'zh' | 'en') =>
  n === null || n === undefined ? '—' : n.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
