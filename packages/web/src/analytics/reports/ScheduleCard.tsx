import { Alert, Button, Card, Checkbox, Space } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { useT } from '../../i18n/i18n.js';
import { useLoad } from '../../shell/use-load.js';
import { useSave } from '../../shell/use-save.js';
import { analyticsApi } from '../api.js';
import { scheduledKinds, type ScheduledKind } from './kinds.js';

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((k) => b.includes(k));

/**
 * 定时报表: which of the daily, weekly, monthly and yearly reports the scheduler makes for the current unit. Shown to
 * whom the server lets change it (its leader or administrator: `canEdit`); the others read the reports as made.
 */
export function ScheduleCard() {
  const t = useT();
  const { data, error, setData } = useLoad(() => analyticsApi.schedule(), []);
  const [chosen, setChosen] = useState<ScheduledKind[]>([]);
  const { saving, save } = useSave();
  useEffect(() => {
    if (data) setChosen(data.kinds as ScheduledKind[]);
  }, [data]);

  if (error) return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('定时报表设置读取失败')} description={errorMessage(error)} />;
  if (!data?.canEdit) return null;
  const submit = () => save(async () => setData(await analyticsApi.setSchedule(chosen)), t('定时报表设置已保存'));
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={`${t('定时报表')} · ${data.unitName}`} data-testid="report-schedule">
      <Space wrap size="middle">
        <Checkbox.Group
          value={chosen}
          onChange={(v) => setChosen(v as ScheduledKind[])}
          options={scheduledKinds.map((k) => ({ value: k.value, label: t(k.label) }))}
        />
        <Button type="primary" loading={saving} disabled={same(chosen, data.kinds)} onClick={() => void submit()}>
          {t('保存')}
        </Button>
        <span className="muted small">
          {data.isDefault
            ? t('尚未设置：省级总工会默认生成全部四种报表，其他单位默认不生成。')
            : t('勾选的报表由定时任务按期生成，列在下方，可下载 xlsx 与 docx。')}
        </span>
      </Space>
    </Card>
  );
}
