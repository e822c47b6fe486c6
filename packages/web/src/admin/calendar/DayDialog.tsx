import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import dayjs from 'dayjs';
import { calendarApi } from '../../api/admin.js';
import type { CalendarDay } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { FormProblems, useFormSubmit } from '../../shell/form-submit.js';
import { validValues } from '../../api/form-errors.js';

export function DayDialog({ day, onClose, onSaved }: { day: CalendarDay; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ workday: boolean; holidayName?: string; makeup: boolean; note?: string }>();
  const { busy, problems, run } = useFormSubmit(form);
  const weekend = [0, 6].includes(dayjs(day.date).day());
  const workday = Form.useWatch('workday', form);
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    await run(async () => {
      await calendarApi.setDay(day.date, {
        workday: v.workday,
        holidayName: v.holidayName?.trim() || null,
        makeup: weekend && v.workday ? v.makeup : false,
        note: v.note?.trim() || null,
      });
      message.success(t('{date} 已修改', { date: day.date }));
      onSaved();
    });
  };
  return (
    <Modal
      open
      title={`${day.date}（${t(['日', '一', '二', '三', '四', '五', '六'][dayjs(day.date).day()]!)}）`}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('修改会影响此后计算的所有期限，并记入审计日志')} />
      <FormProblems problems={problems} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ workday: day.workday, holidayName: day.holidayName ?? undefined, makeup: day.makeup, note: day.note ?? undefined }}
      >
        <Form.Item name="workday" label={t('是否工作日')} valuePropName="checked">
          <Switch checkedChildren={t('上班')} unCheckedChildren={t('休息')} />
        </Form.Item>
        <Form.Item name="holidayName" label={t('节日名称')} rules={[{ max: 40, message: t('节日名称最多 40 个字') }]}>
          <Input placeholder={t('如：春节')} />
        </Form.Item>
        {weekend && workday && (
          <Form.Item name="makeup" label={t('调休上班')} valuePropName="checked" extra={t('周末因节假日调休而上班')}>
            <Switch />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('备注')} rules={[{ max: 200, message: t('备注最多 200 个字') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
