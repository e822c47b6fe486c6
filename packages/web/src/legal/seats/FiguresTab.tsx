import { DatePicker, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { lawyersApi } from '../../api/lawyers.js';
import { useT } from '../../i18n/i18n.js';
import { useLoad } from '../../shell/use-load.js';

export function FiguresTab() {
  const t = useT();
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const figures = useLoad(
    () => lawyersApi.figures({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }),
    [range[0].valueOf(), range[1].valueOf()],
  );
  return (
    <>
      <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} style={{ marginBottom: 8 }} />
      {figures.data && (
        <Typography.Paragraph>
          {t('合计：转接 {a}，登记咨询 {b}，建议法律援助 {c}', {
            a: figures.data.total.transfers,
            b: figures.data.total.consultations,
            c: figures.data.total.legalAid,
          })}
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey={(r) => r.lawyer.name + r.lawyer.firm}
        loading={figures.loading}
        dataSource={figures.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('律师'), render: (_: unknown, r: { lawyer: { name: string; firm: string } }) => `${r.lawyer.name}（${r.lawyer.firm}）` },
          { title: t('转接'), dataIndex: 'transfers' },
          { title: t('登记咨询'), dataIndex: 'consultations' },
          { title: t('建议法律援助'), dataIndex: 'legalAid' },
        ]}
      />
    </>
  );
}
