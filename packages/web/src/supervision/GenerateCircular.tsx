import { App, Button, DatePicker, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { reviewsApi, type Circular } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';

/**
 * What a refused generation says beside the month picker: the server's messages about the month (a month not yet
 * begun: 通报月份不能晚于本月), else its message (a published month, no right to it). Several are joined as the
 * interface's language joins them (`t`).
 */
export function monthRefusal(error: unknown, t: (text: string) => string): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const month = error.fields.filter((f) => f.field === 'body.month').map((f) => f.message);
  return month.length ? joinList(t, month, '；') : error.message;
}

/** The month to report and 生成通报: a refusal is shown under the picker, and the month chosen stays. */
export function GenerateCircular({ onGenerated }: { onGenerated: (c: Circular) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs().subtract(1, 'month'));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function generate() {
    setSaving(true);
    setProblem(null);
    try {
      const c = await reviewsApi.generateCircular(month.format('YYYY-MM'));
      message.success(t('已生成 {month} 通报草稿', { month: c.month }));
      onGenerated(c);
    } catch (e) {
      setProblem(monthRefusal(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" size={2} align="end">
      <Space>
        <DatePicker
          picker="month"
          value={month}
          allowClear={false}
          status={problem ? 'error' : ''}
          aria-label={t('通报月份')}
          onChange={(d) => {
            if (!d) return;
            setMonth(d);
            setProblem(null);
          }}
        />
        <Button type="primary" loading={saving} onClick={() => void generate()} data-testid="generate-circular">
          {t('生成通报')}
        </Button>
      </Space>
      {problem && (
        <Typography.Text type="danger" className="small" data-testid="generate-circular-error">
          {problem}
        </Typography.Text>
      )}
    </Space>
  );
}
