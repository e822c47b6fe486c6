import { Form, InputNumber, Radio, Typography } from 'antd';
import type { Inspection } from '../api/legal.js';
import { useT } from '../i18n/i18n.js';

type Sheet = Inspection['sheet'];

/** One input per item of the score sheet: points up to the item's weight; a veto item is complied with or violated. */
export function ScoreFields({ sheet }: { sheet: Sheet }) {
  const t = useT();
  return (
    <>
      {sheet.items.map((item) => (
        <Form.Item
          key={item.code}
          name={['scores', item.code]}
          label={item.veto ? `${item.name}（${t('否决项')}）` : `${item.name}（${item.weight} ${t('分')}）`}
          extra={item.hint}
          rules={[{ required: true, message: t('请打分') }]}
        >
          {item.veto ? (
            <Radio.Group
              options={[
                { value: 1, label: t('符合') },
                { value: 0, label: t('违反（整张不合格）') },
              ]}
            />
          ) : (
            <InputNumber min={0} max={item.weight} step={0.5} style={{ width: 120 }} />
          )}
        </Form.Item>
      ))}
      <Typography.Text type="secondary">{t('合格线 {mark} 分', { mark: sheet.passMark })}</Typography.Text>
    </>
  );
}
