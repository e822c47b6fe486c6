import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { ordersApi } from '../../../api/orders.js';
import type { Body, Channel, OrderAction } from '../../../api/types.js';
import { channelLabels, invalidCategoryLabels, relationLabels } from '../../../shared/labels.js';
import { rules } from '../../../shared/validation.js';
import { normalisePhone } from '../../../shared/validation.js';
import type { ActionSpec } from '../ActionDialog.js';
import { OrderPicker, TextField } from '../fields.js';
import { str, opt, type V } from './values.js';
/** 合并 / 关联: merging, linking, invalidating an order, and a further caller attached to it. */
export const mergeLinkSpecs: Partial<Record<OrderAction | 'callback', ActionSpec<V>>> = {
  merge: {
    key: 'merge',
    title: '合并',
    intro: '把本工单并入另一张在办工单（同一用人单位、同一事项），本工单的来电人全部转入，本工单关闭。',
    alias: { sources: ['targetId'] },
    fields: ({ order, t }) => (
      <>
        <Form.Item name="targetId" label={t('并入的工单')} rules={[{ required: true, message: t('请选择要并入的工单') }]}>
          <OrderPicker exclude={order.id} states={['pending_dispatch', 'pending_sign', 'returned', 'handling', 'replied']} />
        </Form.Item>
        <TextField name="note" label="合并说明" rows={2} />
      </>
    ),
    // The target's version is read just before merging: both orders' versions are checked by the server.
    submit: async (o, v) => {
      const target = await ordersApi.get(v.targetId as string);
      await ordersApi.merge(target.id, { version: target.version, sources: [{ id: o.id, version: o.version }], ...opt('note', v.note) });
      return ordersApi.get(o.id);
    },
    success: '已合并',
  },
  unmerge: {
    key: 'unmerge',
    title: '撤销合并',
    intro: '本工单回到合并前的状态和办理时限，它的来电人从合并到的工单转回；合并到的工单尚未回访时可撤销。',
    fields: () => <TextField name="reason" label="撤销理由" required />,
    submit: (o, v) => ordersApi.unmerge(o.id, { version: o.version, reason: str(v.reason)! }),
    success: '已撤销合并',
  },
  link: {
    key: 'link',
    title: '关联',
    intro: '关联相关但各自办理的工单。',
    alias: { linkedOrderId: ['linkedOrderId'] },
    fields: ({ order, t }) => (
      <>
        <Form.Item name="linkedOrderId" label={t('关联的工单')} rules={[{ required: true, message: t('请选择要关联的工单') }]}>
          <OrderPicker exclude={order.id} />
        </Form.Item>
        <TextField name="note" label="关联说明" rows={2} />
      </>
    ),
    submit: (o, v) => ordersApi.link(o.id, { linkedOrderId: v.linkedOrderId as string, ...opt('note', v.note) }),
  },
  invalidate: {
    key: 'invalidate',
    title: '作废',
    danger: true,
    intro: '骚扰、测试等无效来电，或非工会职责的诉求（来自 12345 等对接平台的工单即退回该平台）；作废的工单不计入任何统计比率。',
    initial: () => ({ category: 'nuisance' }),
    fields: ({ t }) => (
      <>
        <Form.Item name="category" label={t('作废类别')}>
          <Radio.Group optionType="button" options={Object.entries(invalidCategoryLabels).map(([value, label]) => ({ value, label: t(label) }))} />
        </Form.Item>
        <TextField name="reason" label="作废理由" required />
      </>
    ),
    submit: (o, v) =>
      ordersApi.invalidate(o.id, { version: o.version, reason: str(v.reason)!, category: (v.category as Body<'invalidateOrder'>['category']) ?? 'other' }),
  },
  attach_caller: {
    key: 'attach_caller',
    title: '追加来电人',
    intro: '同一事项的又一名来电人：并入本工单，不新建工单。',
    initial: (o) => ({ channel: 'phone', relation: 'colleague', workersInvolved: o.workersInvolved ?? undefined }),
    alias: { 'caller.name': ['name'], 'caller.phone': ['phone'], 'caller.idNumber': ['idNumber'], 'caller.relation': ['relation'] },
    fields: ({ t }) => (
      <>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="phone" label={t('电话')} rules={[rules.phone(t)]} style={{ flex: 1 }}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="name" label={t('姓名')} rules={[rules.required(t, '来电人姓名'), rules.max(t, '来电人姓名', 40)]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name="relation" label={t('与当事人关系')} style={{ width: 120 }}>
            <Select options={Object.entries(relationLabels).map(([value, label]) => ({ value, label: t(label) }))} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="channel" label={t('来源渠道')} style={{ width: 160 }}>
            <Select options={Object.entries(channelLabels).map(([value, label]) => ({ value, label: t(label) }))} />
          </Form.Item>
          <Form.Item name="workersInvolved" label={t('涉及人数')} rules={[{ type: 'integer', min: 1, max: 100000, message: t('人数应为 1–100000 的整数') }]}>
            <InputNumber min={1} max={100000} precision={0} />
          </Form.Item>
        </div>
        <TextField name="note" label="来电内容" rows={2} />
      </>
    ),
    submit: (o, v) =>
      ordersApi.attachCaller(o.id, {
        version: o.version,
        caller: {
          name: str(v.name)!,
          ...(str(v.phone) ? { phone: normalisePhone(str(v.phone)!) } : {}),
          ...(opt('relation', v.relation) as Pick<Body<'createOrder'>['callers'][number], 'relation'>),
        },
        channel: (v.channel as Channel) ?? 'phone',
        ...(typeof v.workersInvolved === 'number' ? { workersInvolved: v.workersInvolved } : {}),
        ...opt('note', v.note),
      }),
  },
};
