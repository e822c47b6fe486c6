import { Card } from 'antd';
import type { CalendarDay } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { monthGrid } from '../calendar-grid.js';

export function Month({ year, month, byDate, onPick }: { year: number; month: number; byDate: Map<string, CalendarDay>; onPick: (d: CalendarDay) => void }) {
  const t = useT();
  const weeks = monthGrid(year, month);
  // The weekday headers, Monday first (monthGrid's order), each through t() by its literal text.
  const head = [t('一'), t('二'), t('三'), t('四'), t('五'), t('六'), t('日')];
  return (
    <Card size="small" title={t('{m} 月', { m: month + 1 })} className="month-card">
      <div className="month-grid">
        {head.map((h, i) => (
          <div key={i} className="cal-head">
            {h}
          </div>
        ))}
        {weeks.flat().map((date, i) => {
          if (!date) return <div key={`e${i}`} />;
          const d = byDate.get(date);
          const cls = !d ? 'missing' : d.makeup ? 'makeup' : d.holidayName && !d.workday ? 'holiday' : d.workday ? 'workday' : 'rest';
          const label = d ? [d.holidayName, d.makeup ? t('调休上班') : null, d.note].filter(Boolean).join(' · ') : t('无数据');
          return (
            <button
              key={date}
              type="button"
              className={`cal-day ${cls}${d?.source === 'admin' ? ' edited' : ''}${d?.source === 'provisional' ? ' provisional' : ''}`}
              title={`${date} ${label}`}
              aria-label={`${date} ${label || (d?.workday ? t('工作日') : t('休息日'))}`}
              disabled={!d}
              onClick={() => d && onPick(d)}
            >
              {Number(date.slice(8))}
            </button>
          );
        })}
      </div>
    </Card>
  );
}
