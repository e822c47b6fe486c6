import { CalendarOutlined, ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { calendarApi } from '../api/admin.js';
import type { CalendarDay } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { EmptyState, ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import './admin.css';
import { coverageWarningText } from './calendar/coverage.js';
import { DayDialog } from './calendar/DayDialog.js';
import { ImportDialog } from './calendar/ImportDialog.js';
import { Month } from './calendar/Month.js';
import { WorkingHoursCard } from './calendar/WorkingHoursCard.js';

export default function CalendarPage() {
  const t = useT();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const data = useLoad(() => calendarApi.year(year), [year]);
  const [editing, setEditing] = useState<CalendarDay | null>(null);
  const [importing, setImporting] = useState(false);
  const byDate = useMemo(() => new Map((data.data?.days ?? []).map((d) => [d.date, d])), [data.data]);
  const cov = data.data?.coverage;
  const counts = useMemo(() => {
    const days = data.data?.days ?? [];
    return {
      work: days.filter((d) => d.workday).length,
      holiday: days.filter((d) => d.holidayName && !d.makeup).length,
      makeup: days.filter((d) => d.makeup).length,
    };
  }, [data.data]);

  return (
    <div>
      <div className="page-title">
        <h1>
          <CalendarOutlined /> {t('工作日历')}
        </h1>
        <Space>
          <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label={t('上一年')} />
          <Typography.Title level={4} style={{ margin: 0, minWidth: 70, textAlign: 'center' }}>
            {year}
          </Typography.Title>
          <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label={t('下一年')} />
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            {t('导入年度安排')}
          </Button>
        </Space>
      </div>
      {cov?.warning && <Alert type="warning" showIcon style={{ marginBottom: 10 }} title={coverageWarningText(cov, t)} />}
      {cov?.provisional && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 10 }}
          data-testid="calendar-provisional"
          title={t('{from} 至 {to} 为暂定日历：按放假办法推算节假日，没有调休上班；落在其中的期限标为“暂定”，导入国务院通知后自动重算', {
            from: cov.provisional.from,
            to: cov.provisional.to,
          })}
        />
      )}
      {cov && (
        <div className="muted small" style={{ marginBottom: 8 }}>
          {t('日历覆盖 {from} 至 {to}', { from: cov.firstDay ?? '—', to: cov.lastDay ?? '—' })}
          {cov.daysLeft !== null && ` · ${t('剩余 {n} 天', { n: cov.daysLeft })}`}
          {data.data?.days.length
            ? ` · ${t('{year} 年：工作日 {w} 天，节假日 {h} 天，调休上班 {m} 天', { year, w: counts.work, h: counts.holiday, m: counts.makeup })}`
            : ''}
        </div>
      )}
      <Row gutter={12}>
        <Col span={18}>
          {data.error ? (
            <ErrorState error={data.error} onRetry={data.reload} />
          ) : data.loading && !data.data ? (
            <Loading />
          ) : !data.data?.days.length ? (
            <Card>
              <EmptyState text={t('{year} 年尚无日历数据，请按国务院办公厅通知导入该年度安排', { year })} />
            </Card>
          ) : (
            <div className="year-grid">
              {Array.from({ length: 12 }, (_, m) => (
                <Month key={m} year={year} month={m} byDate={byDate} onPick={setEditing} />
              ))}
            </div>
          )}
          <div className="calendar-legend small">
            <span className="cal-day workday">1</span> {t('工作日')}
            <span className="cal-day rest">1</span> {t('休息日')}
            <span className="cal-day holiday">1</span> {t('法定节假日')}
            <span className="cal-day makeup">1</span> {t('调休上班')}
            <span className="cal-day workday provisional">1</span> {t('暂定')}
            <span className="muted"> · {t('点击日期修改')}</span>
          </div>
        </Col>
        <Col span={6}>{data.data && <WorkingHoursCard hours={data.data.workingHours} onSaved={data.reload} />}</Col>
      </Row>
      {editing && <DayDialog day={editing} onClose={() => setEditing(null)} onSaved={() => (setEditing(null), data.reload())} />}
      {importing && (
        <ImportDialog year={year} onClose={() => setImporting(false)} onDone={(y) => (setImporting(false), y === year ? data.reload() : setYear(y))} />
      )}
    </div>
  );
}
