import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import type { LawyerShifts } from '../api/lawyers.js';
import { lawyersApi } from '../api/lawyers.js';
import { applyServerErrors, validValues } from '../api/form-errors.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';

type Row = { id?: string; name: string; firm: string; phone: string; username?: string | null; active: boolean };

/** The roster as one versioned document: lawyers in rotation order, lawyers a day, the day the rotation counts from. */
export function RosterEditor({ shifts, onSaved }: { shifts: LawyerShifts; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const r = shifts.roster;
  const initial = {
    perDay: r.perDay,
    anchorDate: dayjs(r.anchorDate),
    lawyers: r.lawyers.map((l) => ({ id: l.id, name: l.name, firm: l.firm, phone: l.phone, username: l.username, active: l.active })),
  };
  const save = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      await lawyersApi.saveRoster({
        version: r.version,
        perDay: v.perDay,
        anchorDate: v.anchorDate.format('YYYY-MM-DD'),
        lawyers: (v.lawyers as Row[]).map((l) => ({
          ...(l.id ? { id: l.id } : {}),
          name: l.name,
          firm: l.firm,
          phone: l.phone,
          username: l.username || null,
          active: !!l.active,
        })),
      });
      message.success(t('值班表已保存'));
      onSaved();
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (rest.length) message.error(joinList(t, rest, '；'));
    }
  };
  return (
    <Form form={form} initialValues={initial} layout="vertical" data-testid="roster-editor">
      <Space>
        <Form.Item name="perDay" label={t('每日值班人数')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        <Form.Item name="anchorDate" label={t('轮值起算日')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Space>
      <Typography.Paragraph type="secondary">{t('按下列顺序在工作日轮流值班；停用的律师不参加轮值，其咨询记录保留。')}</Typography.Paragraph>
      <Form.List name="lawyers">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <span className="muted">{i + 1}.</span>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, min: 2, message: t('请填写律师姓名') }]}>
                  <Input placeholder={t('姓名')} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'firm']} rules={[{ required: true, min: 2, message: t('请填写律师事务所') }]}>
                  <Input placeholder={t('律师事务所')} style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'phone']} rules={[{ required: true, message: t('请填写电话') }]}>
                  <Input placeholder={t('电话')} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'username']}>
                  <Input placeholder={t('系统账号（可选）')} style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'active']} valuePropName="checked">
                  <Switch checkedChildren={t('轮值')} unCheckedChildren={t('停用')} />
                </Form.Item>
                <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('上移')} />
                <Button size="small" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={t('下移')} />
                <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('删除')} />
              </Space>
            ))}
            <div>
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', firm: '', phone: '', username: null, active: true })}>
                {t('添加律师')}
              </Button>
            </div>
          </>
        )}
      </Form.List>
      <Button type="primary" onClick={save} style={{ marginTop: 12 }}>
        {t('保存值班表')}
      </Button>
    </Form>
  );
}
