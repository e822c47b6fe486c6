import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { lawyersApi, type LawyerShifts } from '../../api/lawyers.js';
import { useCurrent } from '../../auth/session.js';
import { useT } from '../../i18n/i18n.js';
import { formatTime } from '../../shared/format.js';
import { keepers, weekdays } from './names.js';
import { validValues } from '../../api/form-errors.js';
import { counted } from '../../shared/counted.js';
import { rules } from '../../shared/validation.js';

export function ShiftsTab({ shifts, onChanged }: { shifts: LawyerShifts; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { role } = useCurrent();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const lawyersOn = (date: string | undefined) => shifts.days.find((d) => d.date === date)?.lawyers ?? [];
  const date = Form.useWatch('date', form) as string | undefined;
  const withDate = Form.useWatch('withDate', form) as string | undefined;
  const workdays = shifts.days.filter((d) => d.workday && d.date >= shifts.today).map((d) => ({ value: d.date, label: d.date }));
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await lawyersApi.swap(v);
      message.success(t('已换班'));
      setOpen(false);
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      {(keepers.includes(role) || role === 'lawyer') && (
        <Button style={{ marginBottom: 8 }} onClick={() => (form.resetFields(), setOpen(true))}>
          {t('换班')}
        </Button>
      )}
      <Table
        size="small"
        rowKey="date"
        pagination={false}
        dataSource={shifts.days}
        rowClassName={(d) => (d.date === shifts.today ? 'row-today' : '')}
        columns={[
          { title: t('日期'), dataIndex: 'date', render: (d: string) => `${d}（${t(`周${weekdays[new Date(`${d}T00:00:00Z`).getUTCDay()]}`)}）` },
          {
            title: t('值班律师'),
            render: (_: unknown, d: LawyerShifts['days'][number]) =>
              d.workday ? (
                d.lawyers.map((l) => (
                  <Tag key={l.id} color={l.swapId ? 'orange' : 'blue'}>
                    {l.name}
                    {l.swapId ? `（${t('换班')}）` : ''}
                  </Tag>
                ))
              ) : (
                <span className="muted">{t('休息日')}</span>
              ),
          },
        ]}
      />
      {shifts.swaps.length > 0 && (
        <Card size="small" title={t('换班记录')} style={{ marginTop: 12 }}>
          {shifts.swaps.map((s) => (
            <div key={s.id} className="small">
              {s.lawyer.name} {s.date} ⇄ {s.withLawyer.name} {s.withDate} · {s.reason} · {s.byName} {formatTime(s.at)}
              {!s.applied && <Tag style={{ marginLeft: 4 }}>{t('值班表已变更，未生效')}</Tag>}
            </div>
          ))}
        </Card>
      )}
      <Modal open={open} title={t('换班')} onCancel={() => setOpen(false)} onOk={submit} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Space>
            <Form.Item name="date" label={t('日期')} rules={[{ required: true, message: t('请选择日期') }]}>
              <Select style={{ width: 140 }} options={workdays} />
            </Form.Item>
            <Form.Item name="lawyerId" label={t('律师')} rules={[{ required: true, message: t('请选择律师') }]}>
              <Select style={{ width: 160 }} options={lawyersOn(date).map((l) => ({ value: l.id, label: l.name }))} />
            </Form.Item>
          </Space>
          <Space>
            <Form.Item name="withDate" label={t('对方日期')} rules={[{ required: true, message: t('请选择日期') }]}>
              <Select style={{ width: 140 }} options={workdays} />
            </Form.Item>
            <Form.Item name="withLawyerId" label={t('对方律师')} rules={[{ required: true, message: t('请选择律师') }]}>
              <Select style={{ width: 160 }} options={lawyersOn(withDate).map((l) => ({ value: l.id, label: l.name }))} />
            </Form.Item>
          </Space>
          <Form.Item name="reason" label={t('换班原因')} rules={[{ required: true, min: 2, message: t('请填写换班原因') }, rules.max(t, '换班原因', 200)]}>
            <Input count={counted(200)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
