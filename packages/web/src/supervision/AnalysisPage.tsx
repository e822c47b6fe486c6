import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { applyServerErrors } from '../api/form-errors.js';
import { reviewsApi, type AnalysisItem } from '../api/supervision.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { UnitPicker } from '../shared/UnitPicker.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { analysisStateNames } from './labels.js';

const stateColors: Record<string, string> = { open: 'red', rectifying: 'blue', evaluated: 'green' };

/** 月度研判: problem → measures → evaluation of effect, each with owner and due date; open items carried forward. */
export default function AnalysisPage() {
  const t = useT();
  const { role } = useCurrent();
  const writer = role === 'supervisor' || role === 'leader';
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const list = useLoad(() => reviewsApi.analysis(month.format('YYYY-MM')), [month.format('YYYY-MM')]);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AnalysisItem | null>(null);

  return (
    <Card
      title={t('月度研判')}
      extra={
        <Space>
          <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} />
          {writer && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('新增问题')}
            </Button>
          )}
        </Space>
      }
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<AnalysisItem>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('本月还没有研判事项')} /> }}
          columns={[
            {
              title: t('问题'),
              key: 'p',
              render: (_, i) => (
                <Space direction="vertical" size={0}>
                  <span>{i.problem}</span>
                  {i.carried && <Tag color="orange">{t('{month} 结转', { month: i.month })}</Tag>}
                </Space>
              ),
            },
            { title: t('整改措施'), key: 'm', render: (_, i) => i.measures || <span className="muted">—</span> },
            { title: t('成效评估'), key: 'e', render: (_, i) => i.evaluation || <span className="muted">—</span> },
            { title: t('责任单位'), key: 'o', render: (_, i) => i.owner.name },
            { title: t('完成期限'), dataIndex: 'dueOn' },
            { title: t('状态'), key: 's', render: (_, i) => <Tag color={stateColors[i.state]}>{t(analysisStateNames[i.state] ?? i.state)}</Tag> },
            {
              title: '',
              key: 'a',
              render: (_, i) =>
                writer &&
                i.state !== 'evaluated' && (
                  <Button size="small" onClick={() => setEditing(i)}>
                    {i.state === 'open' ? t('填写措施') : t('评估成效')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <AddItem
        open={adding}
        month={month.format('YYYY-MM')}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          list.reload();
        }}
      />
      <EditItem
        item={editing}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          list.reload();
        }}
      />
    </Card>
  );
}

function AddItem({ open, month, onClose, onDone }: { open: boolean; month: string; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ problem: string; measures?: string; ownerUnitId: string; dueOn: Dayjs }>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await reviewsApi.createAnalysis({
        month,
        problem: v.problem,
        ...(v.measures ? { measures: v.measures } : {}),
        ownerUnitId: v.ownerUnitId,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
      });
      message.success(t('已新增研判事项'));
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('新增月度研判问题（{month}）', { month })}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ dueOn: dayjs().add(1, 'month') }}>
        <Form.Item name="problem" label={t('问题')} rules={[{ required: true, whitespace: true, message: t('请填写问题') }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="measures" label={t('整改措施（可稍后填写）')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t('责任单位')} rules={[{ required: true, message: t('请选择责任单位') }]}>
          <UnitPicker />
        </Form.Item>
        <Form.Item name="dueOn" label={t('完成期限')} rules={[{ required: true, message: t('请填写完成期限') }]}>
          <DatePicker />
        </Form.Item>
        {problems.length > 0 && <Typography.Text type="danger">{problems.join('；')}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function EditItem({ item, onClose, onDone }: { item: AnalysisItem | null; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ measures?: string; evaluation?: string }>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await reviewsApi.updateAnalysis(item!.id, {
        version: item!.version,
        ...(v.measures ? { measures: v.measures } : {}),
        ...(v.evaluation ? { evaluation: v.evaluation } : {}),
      });
      message.success(v.evaluation ? t('已评估，事项关闭') : t('已保存整改措施'));
      onDone();
    } catch (e) {
      setProblems(applyServerErrors(form, e));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open={!!item} title={item?.problem} onOk={() => void submit()} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ measures: item?.measures }}>
        <Form.Item name="measures" label={t('整改措施')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="evaluation" label={t('成效评估（填写后事项关闭）')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {problems.length > 0 && <Typography.Text type="danger">{problems.join('；')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
