import { Alert, App, Button, Card, Space, Tag, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { calendarApi } from '../../api/admin.js';
import type { CalendarYear } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';

export function WorkingHoursCard({ hours, onSaved }: { hours: CalendarYear['workingHours']; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [periods, setPeriods] = useState(hours.periods);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await calendarApi.setWorkingHours({ periods, version: hours.version });
      message.success(t('工作时间已保存'));
      onSaved();
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('每日工作时间')}>
      {problem && <Alert type="error" showIcon style={{ marginBottom: 8 }} title={problem} />}
      {periods.map((p, i) => (
        <Space key={i} style={{ marginBottom: 6 }}>
          <TimePicker.RangePicker
            format="HH:mm"
            minuteStep={5}
            value={[dayjs(`2000-01-01T${p.start}`), dayjs(`2000-01-01T${p.end}`)]}
            onChange={(r) =>
              r?.[0] && r[1] && setPeriods((ps) => ps.map((x, j) => (j === i ? { start: r[0]!.format('HH:mm'), end: r[1]!.format('HH:mm') } : x)))
            }
            allowClear={false}
          />
          <Button size="small" onClick={() => setPeriods((ps) => ps.filter((_, j) => j !== i))} disabled={periods.length <= 1}>
            {t('删除')}
          </Button>
        </Space>
      ))}
      <Space style={{ marginTop: 4 }}>
        <Button size="small" onClick={() => setPeriods((ps) => [...ps, { start: '18:00', end: '20:00' }])} disabled={periods.length >= 6}>
          {t('增加时段')}
        </Button>
        <Button size="small" type="primary" onClick={() => void save()} loading={busy}>
          {t('保存')}
        </Button>
      </Space>
      <div className="muted small" style={{ marginTop: 8 }}>
        {t('按工作小时计算的期限只在这些时段内计时')}
        {/* Version 0 is the default, never saved: nothing to tell. */}
        {hours.version > 0 && <Tag style={{ marginLeft: 6 }}>{t('版本 {v}', { v: hours.version })}</Tag>}
      </div>
    </Card>
  );
}
