import { Alert, Form, InputNumber, Space } from 'antd';
import { useT } from '../../i18n/i18n.js';

/** 风险阈值: the numbers at which intake suggests the mass, large and repeat flags (众、大、多). */
export function ThresholdsTab() {
  const t = useT();
  return (
    <Space orientation="vertical" style={{ maxWidth: 520 }}>
      <Alert type="info" showIcon title={t('受理时系统据此建议风险标识（众、大、多）')} />
      {(
        [
          ['massWorkers', '群体（众）人数阈值', '人'],
          ['largeAmount', '大额（大）金额阈值', '元'],
          ['repeatCount', '重复（多）次数阈值', '次'],
          ['repeatWindowDays', '重复统计天数', '天'],
        ] as const
      ).map(([key, label, unit]) => (
        <Form.Item
          key={key}
          name={['thresholds', key]}
          label={t(label)}
          rules={[{ required: true, type: 'integer', min: 1, message: t('应为正整数') }]}
          layout="horizontal"
          labelCol={{ span: 10 }}
        >
          <InputNumber min={1} precision={0} style={{ width: 200 }} suffix={t(unit)} />
        </Form.Item>
      ))}
    </Space>
  );
}
