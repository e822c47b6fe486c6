import { Alert, Form, InputNumber, Space } from 'antd';
import { useT } from '../../i18n/i18n.js';
import { figureRule } from '../../legal/panel/LegalDialogFields.js';

/** 风险阈值: the numbers at which intake suggests the mass, large and repeat flags (众、大、多). */
export function ThresholdsTab() {
  const t = useT();
  // The server's bounds (catalog/catalog.schemas.ts thresholdsFields). Each unit is said through a literal t(): a
  // label kept in a table and translated later is a text the English table's check cannot see.
  const fields = [
    { key: 'massWorkers', label: '群体（众）人数阈值', unit: t('人'), max: 100_000 },
    { key: 'largeAmount', label: '大额（大）金额阈值', unit: t('元'), max: 1_000_000_000_000 },
    { key: 'repeatCount', label: '重复（多）次数阈值', unit: t('次'), max: 1000 },
    { key: 'repeatWindowDays', label: '重复统计天数', unit: t('天'), max: 3650 },
  ] as const;
  return (
    <Space orientation="vertical" style={{ maxWidth: 520 }}>
      <Alert type="info" showIcon title={t('受理时系统据此建议风险标识（众、大、多）')} />
      {fields.map(({ key, label, unit, max }) => (
        <Form.Item
          key={key}
          name={['thresholds', key]}
          label={t(label)}
          rules={[figureRule(t, label, { required: true, positive: true, integer: true, max })]}
          layout="horizontal"
          labelCol={{ span: 10 }}
        >
          {/* No min on the box: antd turned −5 into 1 unseen; the rule says what is wrong and keeps what was typed. */}
          <InputNumber style={{ width: 200 }} suffix={unit} />
        </Form.Item>
      ))}
    </Space>
  );
}
