import { Card, Input, InputNumber, Select, Space, TimePicker } from 'antd';
import dayjs from 'dayjs';
import type { IvrConfig } from '../../api/lawyers.js';
import { useT } from '../../i18n/i18n.js';

/** 人工服务时间与溢出: when agents answer, where a call goes out of hours, and what a long queue does. */
export function IvrHoursCard({ config, onChange }: { config: IvrConfig; onChange: (c: IvrConfig) => void }) {
  const t = useT();
  const h = config.hours;
  const o = config.overflow;
  const nodeOptions = config.nodes.map((n) => ({ value: n.id, label: n.id }));
  return (
    <Card size="small" title={t('人工服务时间与溢出')} style={{ marginTop: 12 }}>
      <Space wrap>
        <Select
          value={h.days}
          style={{ width: 120 }}
          onChange={(days) => onChange({ ...config, hours: { ...h, days } })}
          options={[
            { value: 'all', label: t('每天') },
            { value: 'workdays', label: t('工作日') },
          ]}
        />
        {h.periods.map((p, i) => (
          <TimePicker.RangePicker
            key={`${p.start}-${i}`}
            format="HH:mm"
            allowClear={false}
            value={[dayjs(`2000-01-01T${p.start === '24:00' ? '23:59' : p.start}`), dayjs(`2000-01-01T${p.end === '24:00' ? '23:59' : p.end}`)]}
            onChange={(v) => {
              if (!v?.[0] || !v[1]) return;
              const end = v[1].format('HH:mm') === '23:59' ? '24:00' : v[1].format('HH:mm');
              onChange({ ...config, hours: { ...h, periods: h.periods.map((x, j) => (j === i ? { start: v[0]!.format('HH:mm'), end } : x)) } });
            }}
          />
        ))}
        <span>{t('非服务时间')}</span>
        <Select
          allowClear
          value={h.afterHours ?? undefined}
          style={{ width: 140 }}
          options={nodeOptions}
          onChange={(v) => onChange({ ...config, hours: { ...h, afterHours: v ?? null } })}
        />
      </Space>
      <Space wrap style={{ marginTop: 8 }}>
        <span>{t('最长等待（秒）')}</span>
        <InputNumber min={10} max={1800} value={o.maxWaitSeconds} onChange={(v) => v && onChange({ ...config, overflow: { ...o, maxWaitSeconds: v } })} />
        <span>{t('最多排队')}</span>
        <InputNumber min={1} max={500} value={o.maxQueued} onChange={(v) => v && onChange({ ...config, overflow: { ...o, maxQueued: v } })} />
        <span>{t('溢出后')}</span>
        <Select
          value={o.action}
          style={{ width: 140 }}
          onChange={(action) => onChange({ ...config, overflow: { ...o, action } })}
          options={[
            { value: 'callback', label: t('登记回拨') },
            { value: 'voicemail', label: t('留言') },
            { value: 'transfer', label: t('转接外线') },
          ]}
        />
        {o.action === 'transfer' && (
          <Input
            style={{ width: 140 }}
            placeholder={t('转接号码')}
            value={o.transferNumber ?? ''}
            onChange={(e) => onChange({ ...config, overflow: { ...o, transferNumber: e.target.value || null } })}
          />
        )}
      </Space>
    </Card>
  );
}
