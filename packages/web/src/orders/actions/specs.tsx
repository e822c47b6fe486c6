import { MediationReplyHint } from '../../legal/MediationReplyHint.js';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Upload, type FormInstance, type UploadFile } from 'antd';
import { ordersApi } from '../../api/orders.js';
import { supervisionApi } from '../../api/supervision.js';
import type { Body, Channel, OrderAction, OrderView, Satisfaction } from '../../api/types.js';
import { formatTime } from '../../shared/format.js';
import { attachmentKindLabels, channelLabels, invalidCategoryLabels, noteKindLabels, relationLabels, satisfactionLabels } from '../../shared/labels.js';
import { rules } from '../../shared/validation.js';
import { normalisePhone } from '../../shared/validation.js';
import { UnitPicker } from '../../shared/UnitPicker.js';
import { useI18n, useT, type T } from '../../i18n/i18n.js';
import { useCatalog } from '../../shared/reference.js';
import type { ActionSpec } from './ActionDialog.js';
import { CoHandlersField, DispatchUnitField, OrderPicker, PlaceCorrectionField, TextField } from './fields.js';
import { ExtensionDecisionFields, ExtensionRequestFields } from './extension-fields.js';
import { ReplyDoubtTags, ReplyDoubtsWarning } from './ReplyDoubts.js';

type V = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const opt = <K extends string>(k: K, v: unknown) => (str(v) ? { [k]: str(v)! } : {}) as Partial<Record<K, string>>;
const coHandlersOf = (v: unknown) =>
  Array.isArray(v) ? (v as { unitId?: string; task?: string }[]).filter((c) => c.unitId).map((c) => ({ unitId: c.unitId!, ...opt('task', c.task) })) : [];
export const maxUploadBytes = 20 * 1024 * 1024;

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

/** The dialog of every order action; the detail page shows one button per action the server allows. */
export const actionSpecs: Partial<Record<OrderAction | 'callback', ActionSpec<V>>> = {
  dispatch: {
    key: 'dispatch',
    title: '派单',
    width: 640,
    intro: '派往属地工会或外部协作单位；可同时邀请协办单位。',
    fields: ({ order, form }) => (
      <>
        <DispatchUnitField order={order} form={form} />
        <CoHandlersField />
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
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${t('退单期限')}：${formatTime(order.deadlines.returnDueAt)}`} />
        )}
        <TextField name="reason" label="退单理由" required />
      </>
    ),
    submit: (o, v) => ordersApi.returnOrder(o.id, { version: o.version, reason: str(v.reason)! }),
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
        <CoHandlersField />
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
    fields: ({ t }) => (
      <>
        <Form.Item name="unitId" label={t('协办单位')} rules={[{ required: true, message: t('请选择协办单位') }]}>
          <UnitPickerLazy />
        </Form.Item>
        <TextField name="task" label="协办任务" max={500} rows={2} />
      </>
    ),
    submit: (o, v) => ordersApi.inviteCoHandler(o.id, { version: o.version, unitId: v.unitId as string, ...opt('task', v.task) }),
  },
  reply_co_handler_part: {
    key: 'reply_co_handler_part',
    title: '协办反馈',
    intro: '反馈本单位承担部分的办理情况。',
    fields: () => <TextField name="reply" label="协办反馈" required rows={4} />,
    submit: (o, v) => ordersApi.replyCoHandlerPart(o.id, { version: o.version, reply: str(v.reply)! }),
  },
  urge: {
    key: 'urge',
    title: '催办',
    intro: '向承办单位发出催办通知，记入时间线并按单位计数。',
    fields: () => <TextField name="message" label="催办内容" required rows={3} />,
    submit: async (o, v) => {
      await supervisionApi.urge(o.id, { message: str(v.message)! });
      return ordersApi.get(o.id);
    },
    success: '已催办',
  },
  add_note: {
    key: 'add_note',
    title: '添加进展',
    initial: () => ({ kind: 'progress' }),
    fields: ({ t }) => (
      <>
        <Form.Item name="kind" label={t('进展类别')}>
          <Radio.Group optionType="button" options={Object.entries(noteKindLabels).map(([value, label]) => ({ value, label: t(label) }))} />
        </Form.Item>
        <TextField name="note" label="进展内容" required rows={4} />
      </>
    ),
    submit: (o, v) => ordersApi.addNote(o.id, { note: str(v.note)!, ...(opt('kind', v.kind) as Pick<Body<'addOrderNote'>, 'kind'>) }),
  },
  add_attachment: {
    key: 'add_attachment',
    title: '上传附件',
    okText: '上传',
    initial: () => ({ kind: 'evidence' }),
    alias: { file: ['file'], kind: ['kind'] },
    fields: ({ t }) => (
      <>
        <Form.Item name="kind" label={t('附件类别')} rules={[{ required: true }]}>
          <Select options={Object.entries(attachmentKindLabels).map(([value, label]) => ({ value, label: t(label) }))} />
        </Form.Item>
        <Form.Item
          name="file"
          label={t('文件')}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          extra={t('录音、照片、PDF、Word、Excel，最大 20 MB；按文件内容识别类型')}
          rules={[
            { required: true, message: t('请选择要上传的文件') },
            {
              validator: (_r, v: UploadFile[] | undefined) =>
                (v?.[0]?.size ?? 0) > maxUploadBytes ? Promise.reject(new Error(t('附件不能超过 20 MB'))) : Promise.resolve(),
            },
          ]}
        >
          <Upload beforeUpload={() => false} maxCount={1}>
            <Button icon={<UploadOutlined />}>{t('选择文件')}</Button>
          </Upload>
        </Form.Item>
      </>
    ),
    submit: (o, v) => {
      const f = (v.file as UploadFile[])[0]!.originFileObj as File;
      return ordersApi.addAttachment(o.id, f, (v.kind as string) ?? 'other');
    },
    success: '附件已上传',
  },
  request_extension: {
    key: 'request_extension',
    title: '申请延期',
    intro: '须在办理期限届满前申请，延长不超过原时限，并已告知来电人；由交办单位审批。',
    initial: () => ({ callerInformed: false }),
    fields: ({ order }) => <ExtensionRequestFields order={order} />,
    submit: (o, v) =>
      ordersApi.requestExtension(o.id, { version: o.version, amount: v.amount as number, reason: str(v.reason)!, callerInformed: Boolean(v.callerInformed) }),
  },
  decide_extension: {
    key: 'decide_extension',
    title: '审批延期',
    initial: () => ({ approve: true }),
    fields: ({ order, form }) => <ExtensionDecisionFields order={order} form={form} />,
    submit: (o, v) => ordersApi.decideExtension(o.id, { version: o.version, approve: Boolean(v.approve), ...opt('note', v.note) }),
  },
  reply: {
    key: 'reply',
    title: '办结反馈',
    width: 640,
    initial: () => ({ resolved: true, amountRecovered: 0, workersHelped: 0 }),
    alias: {
      'outcome.resolved': ['resolved'],
      'outcome.measures': ['measures'],
      'outcome.amountRecovered': ['amountRecovered'],
      'outcome.workersHelped': ['workersHelped'],
    },
    fields: ({ t, order, form }) => (
      <>
        <MediationReplyHint orderId={order.id} form={form} />
        <Form.Item name="resolved" label={t('是否解决')} rules={[{ required: true, message: t('请选择是否解决') }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: true, label: t('已解决') },
              { value: false, label: t('未解决') },
            ]}
          />
        </Form.Item>
        <TextField name="measures" label="办理措施" required rows={4} placeholder="核实情况、采取的措施、协调的部门、结果" />
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="amountRecovered" label={t('追回金额（元）')} rules={[{ type: 'number', min: 0, max: 1e11, message: t('追回金额不能为负') }]}>
            <InputNumber min={0} max={1e11} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="workersHelped" label={t('帮助人数')} rules={[{ type: 'integer', min: 0, max: 100000, message: t('帮助人数应为整数') }]}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </div>
        <ReplyDoubtsWarning order={order} form={form} />
        <TextField name="note" label="备注" rows={2} />
      </>
    ),
    submit: (o, v) =>
      ordersApi.reply(o.id, {
        version: o.version,
        outcome: {
          resolved: Boolean(v.resolved),
          measures: str(v.measures)!,
          amountRecovered: Number(v.amountRecovered ?? 0),
          workersHelped: Number(v.workersHelped ?? 0),
        },
        ...opt('note', v.note),
      }),
    success: '已提交办结反馈',
  },
  review_accept: {
    key: 'review_accept',
    title: '审核通过',
    intro: '通过后进入回访。',
    fields: ({ order, t }) => (
      <>
        <OutcomeSummary order={order} />
        <Form.Item name="reason" label={t('审核意见')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </>
    ),
    submit: (o, v) => ordersApi.review(o.id, { version: o.version, decision: 'accept', ...opt('reason', v.reason) }),
  },
  review_rework: {
    key: 'review_rework',
    title: '退回重办',
    danger: true,
    intro: '退回承办单位重新办理，办理时限重新计算。',
    fields: ({ order }) => (
      <>
        <OutcomeSummary order={order} />
        <TextField name="reason" label="退回重办理由" required />
      </>
    ),
    submit: (o, v) => ordersApi.review(o.id, { version: o.version, decision: 'rework', reason: str(v.reason)! }),
  },
  callback: {
    key: 'callback',
    title: '回访',
    width: 600,
    // One result for the order unless the agent chooses to record a group order caller by caller.
    initial: () => ({ result: 'reached', mode: 'whole' }),
    fields: ({ order, form, t }) => <CallbackFields order={order} form={form} t={t} />,
    submit: (o, v) =>
      v.mode === 'each'
        ? ordersApi.callback(o.id, { version: o.version, callers: perCallerResults(o, v.each), ...opt('note', v.note) })
        : ordersApi.callback(o.id, {
            version: o.version,
            result: v.result as 'reached' | 'unreachable',
            ...(v.result === 'reached'
              ? { handlingSatisfaction: v.handlingSatisfaction as Satisfaction, callSatisfaction: v.callSatisfaction as Satisfaction }
              : {}),
            ...opt('note', v.note),
          }),
    success: '回访已记录',
  },
  reopen: {
    key: 'reopen',
    title: '重启工单',
    intro: '回访不满意的工单可重启一次，回到承办单位重新办理。',
    fields: () => <TextField name="reason" label="重启理由" required />,
    submit: (o, v) => ordersApi.reopen(o.id, { version: o.version, reason: str(v.reason)! }),
  },
  archive: {
    key: 'archive',
    title: '归档',
    intro: '归档后工单只读。',
    fields: () => <TextField name="note" label="归档说明" rows={2} />,
    submit: (o, v) => ordersApi.archive(o.id, { version: o.version, ...opt('note', v.note) }),
  },
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
    intro: '骚扰、测试等无效来电；作废的工单不计入任何统计比率。',
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

function UnitPickerLazy(props: { value?: string; onChange?: (v: string | string[] | undefined) => void }) {
  return <UnitPicker {...props} autoFocus />;
}

function ReturnReason({ order }: { order: OrderView }) {
  const t = useT();
  const hop = [...order.hops].reverse().find((h) => h.returnReason);
  if (!hop) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${t('退单理由')}（${hop.toUnit.name}）：${hop.returnReason}`} />;
}

function OutcomeSummary({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.outcome) return null;
  const o = order.outcome;
  return (
    <Alert
      type={o.resolved ? 'success' : 'warning'}
      style={{ marginBottom: 12 }}
      title={o.resolved ? t('已解决') : t('未解决')}
      description={
        <>
          <div>{o.measures}</div>
          <div>
            {t('追回 {amount} 元 · 帮助 {n} 人', { amount: o.amountRecovered.toLocaleString('zh-CN', { maximumFractionDigits: 2 }), n: o.workersHelped })}
          </div>
          <ReplyDoubtTags doubts={o.doubts} />
        </>
      }
    />
  );
}

/** The place as corrected in the re-dispatch dialog, sent only when it differs from the order's. */
function placeCorrection(o: OrderView, v: V): { place?: { text?: string; divisionCode?: string } } {
  // Left empty, each part stays as the order has it.
  const divisionCode = (Array.isArray(v.correctDivision) ? (v.correctDivision.at(-1) as string | undefined) : undefined) ?? o.divisionCode ?? undefined;
  const text = str(v.correctPlaceText) ?? o.placeText ?? undefined;
  if ((divisionCode ?? null) === o.divisionCode && (text ?? null) === o.placeText) return {};
  return { place: { ...(text ? { text } : {}), ...(divisionCode ? { divisionCode } : {}) } };
}

type EachCaller = { result?: 'reached' | 'unreachable'; handlingSatisfaction?: Satisfaction; callSatisfaction?: Satisfaction };

/** The per-caller rows of the form, in the callers' order; a row left empty is a caller not called this time. */
function perCallerResults(o: OrderView, each: unknown) {
  const rows = (each ?? {}) as Record<string, EachCaller>;
  return o.callers.flatMap((c): NonNullable<Body<'recordCallback'>['callers']> => {
    const r = rows[c.id];
    if (!r?.result) return [];
    return r.result === 'unreachable'
      ? [{ callerId: c.id, result: 'unreachable' as const }]
      : [
          {
            callerId: c.id,
            result: 'reached' as const,
            ...(r.handlingSatisfaction ? { handlingSatisfaction: r.handlingSatisfaction } : {}),
            ...(r.callSatisfaction ? { callSatisfaction: r.callSatisfaction } : {}),
          },
        ];
  });
}

/** 逐人回访: one row per caller of a group order — reached or not, and the two satisfactions. */
function PerCallerFields({ order, form, t }: { order: OrderView; form: FormInstance; t: T }) {
  const each = (Form.useWatch('each', form) ?? {}) as Record<string, EachCaller>;
  const levels = Object.entries(satisfactionLabels).map(([value, label]) => ({ value, label: t(label) }));
  return (
    <div className="per-caller-callback" data-testid="per-caller-callback">
      <div className="muted small" style={{ marginBottom: 8 }}>
        {t('整单结果按多数来电人的评价得出，人数相同按较低评价；没有接通任何人则记为未接通。')}
      </div>
      <div className="muted small" style={{ display: 'flex', gap: 8 }}>
        <span style={{ width: 110 }}>{t('来电人')}</span>
        <span style={{ width: 128 }}>{t('回访结果')}</span>
        <span style={{ width: 130 }}>{t('对办理结果的满意度')}</span>
        <span style={{ width: 130 }}>{t('对热线服务的满意度')}</span>
      </div>
      {order.callers.map((c) => {
        const reached = each[c.id]?.result === 'reached';
        const need = (label: string) => [{ required: reached, message: t('请选择{label}', { label: t(label) }) }];
        return (
          <div key={c.id} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <div style={{ width: 110, paddingTop: 5 }}>
              {c.name}
              <div className="muted small">{c.phone ?? ''}</div>
            </div>
            <Form.Item name={['each', c.id, 'result']} style={{ marginBottom: 8 }}>
              <Radio.Group
                optionType="button"
                size="small"
                options={[
                  { value: 'reached', label: t('已接通') },
                  { value: 'unreachable', label: t('未接通') },
                ]}
              />
            </Form.Item>
            {reached && (
              <>
                <Form.Item name={['each', c.id, 'handlingSatisfaction']} rules={need('对办理结果的满意度')} style={{ marginBottom: 8, width: 130 }}>
                  <Select size="small" placeholder={t('办理结果')} options={levels} />
                </Form.Item>
                <Form.Item name={['each', c.id, 'callSatisfaction']} rules={need('对热线服务的满意度')} style={{ marginBottom: 8, width: 130 }}>
                  <Select size="small" placeholder={t('热线服务')} options={levels} />
                </Form.Item>
              </>
            )}
          </div>
        );
      })}
      <Form.Item
        name="eachAny"
        rules={[
          {
            validator: () =>
              perCallerResults(order, form.getFieldValue('each')).length ? Promise.resolve() : Promise.reject(new Error(t('至少记录一名来电人的回访结果'))),
          },
        ]}
        style={{ marginBottom: 8 }}
      >
        <span />
      </Form.Item>
    </div>
  );
}

function CallbackFields({ order, form, t }: { order: OrderView; form: FormInstance; t: T }) {
  const result = Form.useWatch('result', form) as string | undefined;
  const mode = Form.useWatch('mode', form) as string | undefined;
  const allowed = new Set(order.allowedActions);
  const canReach = allowed.has('callback_satisfied') || allowed.has('callback_dissatisfied');
  const levels = Object.entries(satisfactionLabels).map(([value, label]) => ({
    value,
    label: t(label),
    disabled: value === 'dissatisfied' ? !allowed.has('callback_dissatisfied') : !allowed.has('callback_satisfied'),
  }));
  const need = (label: string) => [{ required: result === 'reached', message: t('请选择{label}', { label: t(label) }) }];
  return (
    <>
      {order.outcome && <OutcomeSummary order={order} />}
      {order.counts.callbackAttempts > 0 && (
        <Alert type="info" style={{ marginBottom: 12 }} title={t('此前已回访 {n} 次未接通', { n: order.counts.callbackAttempts })} />
      )}
      {order.callers.length > 1 && (
        <Form.Item name="mode" label={t('记录方式')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'whole', label: t('整单记录') },
              { value: 'each', label: t('逐人记录（{n} 名来电人）', { n: order.callers.length }) },
            ]}
          />
        </Form.Item>
      )}
      {mode === 'each' ? (
        <PerCallerFields order={order} form={form} t={t} />
      ) : (
        <Form.Item name="result" label={t('回访结果')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'reached', label: t('已接通'), disabled: !canReach },
              { value: 'unreachable', label: t('未接通'), disabled: !allowed.has('callback_unreachable') },
            ]}
          />
        </Form.Item>
      )}
      {mode !== 'each' && result === 'reached' && (
        <>
          <Form.Item name="handlingSatisfaction" label={t('对办理结果的满意度')} rules={need('对办理结果的满意度')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={levels} />
          </Form.Item>
          <Form.Item name="callSatisfaction" label={t('对热线服务的满意度')} rules={need('对热线服务的满意度')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={levels.map((l) => ({ ...l, disabled: false }))} />
          </Form.Item>
        </>
      )}
      <TextField name="note" label="回访记录" rows={2} />
    </>
  );
}
