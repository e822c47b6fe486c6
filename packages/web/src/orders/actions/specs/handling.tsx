import { MediationReplyHint } from '../../../legal/MediationReplyHint.js';
import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Radio, Select, Upload, type UploadFile } from 'antd';
import { ordersApi } from '../../../api/orders.js';
import { supervisionApi } from '../../../api/supervision.js';
import type { Body, OrderAction } from '../../../api/types.js';
import { attachmentKindLabels, noteKindLabels } from '../../../shared/labels.js';
import type { ActionSpec } from '../ActionDialog.js';
import { TextField } from '../fields.js';
import { ExtensionDecisionFields, ExtensionRequestFields } from '../extension-fields.js';
import { amountRecoveredRules, confirmedDoubtsOf, ReplyDoubtsWarning, workersHelpedRules } from '../ReplyDoubts.js';
import { CoHandlersWithoutFeedback } from './outcome-summary.js';
import { str, opt, type V } from './values.js';
export const maxUploadBytes = 20 * 1024 * 1024;

/** 办理 stage: co-handlers' parts, urging, notes and files, extensions, and the unit's reply. */
export const handlingSpecs: Partial<Record<OrderAction | 'callback', ActionSpec<V>>> = {
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
    // The server sends it to the unit the order waits for: after a reply or a dissatisfied callback, the deciding desk.
    intro: '向工单正等待其处理的单位（承办单位，或须审核、决定重启或归档的派单单位）发出催办通知，记入时间线并按单位计数。',
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
    // Only asked: the dispatching unit decides, so not "已完成".
    success: '延期申请已提交，待交办单位审批',
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
      confirmedDoubts: ['confirmDoubts'],
    },
    fields: ({ t, order, form }) => (
      <>
        <CoHandlersWithoutFeedback order={order} at="reply" />
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
          {/* No min/max/precision on the inputs: they changed what was typed. The rules refuse it instead. */}
          <Form.Item name="amountRecovered" label={t('追回金额（元）')} rules={amountRecoveredRules(order, t)}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="workersHelped" label={t('帮助人数')} rules={workersHelpedRules(t)}>
            <InputNumber style={{ width: 160 }} />
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
        confirmedDoubts: confirmedDoubtsOf(o, v),
      }),
    success: '已提交办结反馈',
  },
};
