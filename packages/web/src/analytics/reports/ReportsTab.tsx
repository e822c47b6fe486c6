import { App, Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState, Loading } from '../../shell/states.js';
import { analyticsApi, type Report } from '../api.js';
import { type ReportKindValue, reportKinds, reportPeriod } from './kinds.js';
import { ScheduleCard } from './ScheduleCard.js';

/** 报表: a daily, weekly, monthly, yearly or special report generated for a period, previewed and downloaded. */
export function ReportsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Report[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<ReportKindValue>('weekly');
  // A special report takes any range; the others one day, week, month or year, picked as such so the period always
  // fits the kind (the server refuses a month called a week).
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [day, setDay] = useState<Dayjs | null>(null);
  const period = kind === 'custom' ? range && { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') } : day && reportPeriod(kind, day);
  const load = () => analyticsApi.reports().then(setRows, setError);
  useEffect(() => void load(), []);
  const generate = async () => {
    setBusy(true);
    try {
      await analyticsApi.generateReport({ kind, ...(period ?? {}) });
      message.success(t('报表已生成'));
      await load();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (error) return <ErrorState error={error} />;
  if (!rows) return <Loading />;
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select value={kind} onChange={setKind} style={{ width: 120 }} options={reportKinds.map((k) => ({ value: k.value, label: t(k.label) }))} />
          {kind === 'custom' ? (
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)} />
          ) : (
            <DatePicker
              value={day}
              onChange={(v) => setDay(v ?? null)}
              picker={kind === 'monthly' ? 'month' : kind === 'yearly' ? 'year' : 'date'}
              placeholder={t(kind === 'weekly' ? '选择该周任一天' : kind === 'monthly' ? '选择月份' : kind === 'yearly' ? '选择年份' : '选择日期')}
            />
          )}
          {period && kind !== 'custom' && <span>{t('统计期间：{from} 至 {to}', period)}</span>}
          <Button type="primary" loading={busy} onClick={generate}>
            {t('生成报表')}
          </Button>
          <span className="muted small">
            {t('不选日期：上一个完整的日、周、月或年。定时任务每天零点生成日报，周一生成周报，每月1日生成月报，1月1日生成年报。')}
          </span>
        </Space>
      </Card>
      <ScheduleCard />
      <Table
        size="small"
        rowKey="id"
        dataSource={rows}
        columns={[
          { title: t('报表'), dataIndex: 'title' },
          { title: t('类型'), dataIndex: 'kind', width: 90, render: (k: string) => t(reportKinds.find((x) => x.value === k)?.label ?? k) },
          { title: t('来源'), dataIndex: 'origin', width: 90, render: (o: string) => <Tag>{o === 'schedule' ? t('定时') : t('按需')}</Tag> },
          { title: t('生成时间'), dataIndex: 'generatedAt', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          {
            title: t('下载'),
            width: 150,
            render: (_: unknown, r) => (
              <Space>
                <a href={analyticsApi.downloadUrl(r.id, 'xlsx')}>xlsx</a>
                <a href={analyticsApi.downloadUrl(r.id, 'docx')}>docx</a>
              </Space>
            ),
          },
        ]}
        expandable={{ expandedRowRender: (r) => <p style={{ margin: 0 }}>{r.summary}</p> }}
      />
    </>
  );
}
