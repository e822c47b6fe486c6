import { App, Button, Card, DatePicker, Form, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { applyServerErrors, refusalToast } from '../../api/form-errors.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorState, Loading } from '../../shell/states.js';
import { formatTime } from '../../shared/format.js';
import { analyticsApi, type Report, today } from '../api.js';
import { endsAfter, type ReportKindValue, reportKinds, reportPeriod } from './kinds.js';
import { ScheduleCard } from './ScheduleCard.js';

type Picked = { kind: ReportKindValue; period?: Dayjs | [Dayjs, Dayjs] | null };

/** The period of what was picked: a special report's range, else the day, week, month or year of the day picked. */
function periodOf(v: Picked): { from: string; to: string } | null {
  if (!v.period) return null;
  if (Array.isArray(v.period)) return { from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD') };
  return v.kind === 'custom' ? null : reportPeriod(v.kind, v.period);
}

/** 报表: a daily, weekly, monthly, yearly or special report generated for a period, previewed and downloaded. */
export function ReportsTab() {
  const t = useT();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Report[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Picked>();
  const kind: ReportKindValue = Form.useWatch('kind', form) ?? 'weekly';
  const period = periodOf({ kind, period: Form.useWatch('period', form) });
  const load = () => analyticsApi.reports().then(setRows, setError);
  useEffect(() => void load(), []);
  const generate = async () => {
    setBusy(true);
    try {
      await analyticsApi.generateReport({ kind, ...(period ?? {}) });
      message.success(t('报表已生成'));
      await load();
    } catch (e) {
      // A period refused (days to come, before the first order, not the kind's) is said under the picker.
      const unplaced = applyServerErrors(form, e, { from: ['period'], to: ['period'] });
      message.error(refusalToast(e, unplaced, t));
    } finally {
      setBusy(false);
    }
  };
  // Days to come are not offered: the server refuses a period that ends after today (the hotline's day, UTC+8).
  const disabledDate = (d: Dayjs) => endsAfter(kind, d, today());
  if (error) return <ErrorState error={error} />;
  if (!rows) return <Loading />;
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" initialValues={{ kind: 'weekly' }} onFinish={() => void generate()}>
          <Space wrap align="start">
            {/* A special report takes any range; the others one day, week, month or year, picked as such so the
                period always fits the kind (the server refuses a month called a week). */}
            <Form.Item name="kind" noStyle>
              <Select
                style={{ width: 120 }}
                onChange={() => form.setFields([{ name: 'period', value: null, errors: [] }])}
                options={reportKinds.map((k) => ({ value: k.value, label: t(k.label) }))}
              />
            </Form.Item>
            <Form.Item name="period" style={{ marginInlineEnd: 0, marginBottom: 0 }}>
              {kind === 'custom' ? (
                <DatePicker.RangePicker disabledDate={disabledDate} />
              ) : (
                <DatePicker
                  disabledDate={disabledDate}
                  picker={kind === 'monthly' ? 'month' : kind === 'yearly' ? 'year' : 'date'}
                  placeholder={t(kind === 'weekly' ? '选择该周任一天' : kind === 'monthly' ? '选择月份' : kind === 'yearly' ? '选择年份' : '选择日期')}
                />
              )}
            </Form.Item>
            {period && kind !== 'custom' && <span style={{ lineHeight: '32px' }}>{t('统计期间：{from} 至 {to}', period)}</span>}
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('生成报表')}
            </Button>
            <span className="muted small" style={{ lineHeight: '32px' }}>
              {t('不选日期：上一个完整的日、周、月或年。定时任务每天零点生成日报，周一生成周报，每月1日生成月报，1月1日生成年报。')}
            </span>
          </Space>
        </Form>
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
          // Beijing time, as every server time the workplace shows (shared/format.ts), whatever the browser's zone.
          { title: t('生成时间'), dataIndex: 'generatedAt', width: 170, render: (v: string) => formatTime(v) },
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
