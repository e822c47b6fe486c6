import { Alert, Form, Select } from 'antd';
import { useMemo } from 'react';
import { ordersApi } from '../../../api/orders.js';
import type { OrderAction, OrderView } from '../../../api/types.js';
import { formatTime } from '../../../shared/format.js';
import { UnitPicker } from '../../../shared/UnitPicker.js';
import { useI18n, useT } from '../../../i18n/i18n.js';
import { useCatalog } from '../../../shared/reference.js';
import type { ActionSpec } from '../ActionDialog.js';
import { DispatchUnitField, PlaceCorrectionField } from '../dispatch-fields.js';
import { notOfferedAsCoHandler } from '../co-handler-choice.js';
import { CoHandlersField, StudioReachNote, TextField } from '../fields.js';
import { str, opt, coHandlersOf, type V } from './values.js';
/** Type and subject as the intelligence module suggested them, for the agent to keep or correct. */
function CheckFields() {
  const { t, lang } = useI18n();
  const { value: catalog } = useCatalog();
  const name = (e: { nameZh: string; nameEn: string }) => (lang === 'en' ? e.nameEn : e.nameZh);
  return (
    <>
      <Form.Item name="typeCode" label={t('诉求类型')} rules={[{ required: true, message: t('请选择诉求类型') }]}>
        <Select options={(catalog?.types ?? []).map((x) => ({ value: x.code, label: name(x) }))} />
      </Form.Item>
      <Form.Item name="subjectCode" label={t('诉求事项')} rules={[{ required: true, message: t('请选择诉求事项') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={(catalog?.subjects ?? []).map((x) => ({ value: x.code, label: name(x) }))} />
      </Form.Item>
      <TextField name="note" label="核实说明" rows={2} />
    </>
  );
}

/** 派单 stage: the hotline checks and dispatches, the unit signs for or returns it, co-handlers are invited. */
export const dispatchSpecs: Partial<Record<OrderAction | 'callback', ActionSpec<V>>> = {
  dispatch: {
    key: 'dispatch',
    title: '派单',
    width: 640,
    intro: '派往属地工会或外部协作单位；可同时邀请协办单位。',
    fields: ({ order, form }) => (
      <>
        <DispatchUnitField order={order} form={form} />
        <CoHandlersField order={order} />
        <TextField name="note" label="派单说明" placeholder="交办要求、注意事项" />
      </>
    ),
    submit: (o, v) =>
      ordersApi.dispatch(o.id, {
        version: o.version,
        unitId: v.unitId as string,
        ...opt('note', v.note),
        ...(coHandlersOf(v.coHandlers).length ? { coHandlers: coHandlersOf(v.coHandlers) } : {}),
      }),
    success: '已派单',
  },
  check_request: {
    key: 'check_request',
    title: '核实诉求',
    intro: '该诉求来自自助服务页面或微信服务群，已由智能分析预分类。请核对内容，必要时更正类型和事项，核实后方可派单；无效的请作废。',
    initial: (o) => ({ typeCode: o.typeCode, subjectCode: o.subjectCode }),
    fields: () => <CheckFields />,
    submit: (o, v) =>
      ordersApi.checkRequest(o.id, { version: o.version, typeCode: v.typeCode as string, subjectCode: v.subjectCode as string, ...opt('note', v.note) }),
    success: '已核实',
  },
  handle_at_hotline: {
    key: 'handle_at_hotline',
    title: '热线办单',
    intro: '紧急、重大工单由热线中心自行办理，不再派出。',
    fields: () => <TextField name="note" label="说明" />,
    submit: (o, v) => ordersApi.handleAtHotline(o.id, { version: o.version, ...opt('note', v.note) }),
  },
  sign: {
    key: 'sign',
    title: '签收',
    intro: '签收后开始计算办理时限；不属于本单位办理的，请使用“退单”。',
    fields: () => <TextField name="note" label="签收备注" rows={2} />,
    submit: (o, v) => ordersApi.sign(o.id, { version: o.version, ...opt('note', v.note) }),
    success: '已签收',
  },
  return: {
    key: 'return',
    title: '退单',
    danger: true,
    intro: '退回派单单位审核，须说明理由（如非本辖区、非本单位职责）。',
    fields: ({ order, t }) => (
      <>
        {order.deadlines.returnDueAt && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${t('{label}：', { label: t('退单期限') })}${formatTime(order.deadlines.returnDueAt)}`}
          />
        )}
        <TextField name="reason" label="退单理由" required />
      </>
    ),
    submit: (o, v) => ordersApi.returnOrder(o.id, { version: o.version, reason: str(v.reason)! }),
    // Only asked: the dispatching unit reviews the return.
    success: '退单申请已提交，待交办单位审核',
  },
  return_redispatch: {
    key: 'return_redispatch',
    title: '退单改派',
    width: 640,
    intro: '同意退单，改派其他单位。',
    fields: ({ order, form }) => (
      <>
        <ReturnReason order={order} />
        <PlaceCorrectionField order={order} />
        <DispatchUnitField order={order} form={form} label="改派单位" />
        <CoHandlersField order={order} />
        <TextField name="reason" label="审核意见" required />
      </>
    ),
    submit: (o, v) =>
      ordersApi.decideReturn(o.id, {
        version: o.version,
        decision: 'redispatch',
        unitId: v.unitId as string,
        reason: str(v.reason)!,
        ...(coHandlersOf(v.coHandlers).length ? { coHandlers: coHandlersOf(v.coHandlers) } : {}),
        ...placeCorrection(o, v),
      }),
  },
  return_reject: {
    key: 'return_reject',
    title: '驳回退单',
    intro: '不同意退单，由原单位继续办理。',
    fields: ({ order }) => (
      <>
        <ReturnReason order={order} />
        <TextField name="reason" label="审核意见" required />
      </>
    ),
    submit: (o, v) => ordersApi.decideReturn(o.id, { version: o.version, decision: 'reject', reason: str(v.reason)! }),
  },
  invite_co_handler: {
    key: 'invite_co_handler',
    title: '邀请协办',
    fields: ({ order, t }) => (
      <>
        <StudioReachNote order={order} />
        <Form.Item name="unitId" label={t('协办单位')} rules={[{ required: true, message: t('请选择协办单位') }]}>
          <UnitPickerLazy order={order} />
        </Form.Item>
        <TextField name="task" label="协办任务" max={500} rows={2} />
      </>
    ),
    submit: (o, v) => ordersApi.inviteCoHandler(o.id, { version: o.version, unitId: v.unitId as string, ...opt('task', v.task) }),
  },
};

/** The unit to invite: the unit holding the order, a hotline centre and the co-handlers already invited are not offered. */
function UnitPickerLazy({ order, ...props }: { order: OrderView; value?: string; onChange?: (v: string | string[] | undefined) => void }) {
  const disable = useMemo(() => notOfferedAsCoHandler(order), [order]);
  return <UnitPicker {...props} disable={disable} autoFocus />;
}

function ReturnReason({ order }: { order: OrderView }) {
  const t = useT();
  const hop = [...order.hops].reverse().find((h) => h.returnReason);
  if (!hop) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${t('退单理由')}（${hop.toUnit.name}）：${hop.returnReason}`} />;
}

/** The place as corrected in the re-dispatch dialog, sent only when it differs from the order's. */
function placeCorrection(o: OrderView, v: V): { place?: { text?: string; divisionCode?: string } } {
  // Left empty, each part stays as the order has it.
  const divisionCode = (Array.isArray(v.correctDivision) ? (v.correctDivision.at(-1) as string | undefined) : undefined) ?? o.divisionCode ?? undefined;
  const text = str(v.correctPlaceText) ?? o.placeText ?? undefined;
  if ((divisionCode ?? null) === o.divisionCode && (text ?? null) === o.placeText) return {};
  return { place: { ...(text ? { text } : {}), ...(divisionCode ? { divisionCode } : {}) } };
}
