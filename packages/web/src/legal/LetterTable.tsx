import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Letter, legalApi } from '../api/legal.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { formatDate } from '../shared/format.js';
import { letterStateLabels } from './labels.js';
import { validValues } from '../api/form-errors.js';

type Step = 'send' | 'response' | 'follow-up';
const stepTitles: Record<Step, string> = { send: '登记送达', response: '登记单位反馈', 'follow-up': '登记跟踪回访' };

/** Letters with what the reader may do next: a leader approves a draft; the issuing union records delivery, answer and follow-up. */
export function LetterTable({ letters, loading, onChanged, showOrder }: { letters: Letter[]; loading?: boolean; onChanged: () => void; showOrder?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const { role, current, user } = useCurrent();
  const [step, setStep] = useState<{ step: Step; letter: Letter } | null>(null);
  const [form] = Form.useForm();

  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const submit = async () => {
    const v = await validValues(form);
    if (!v) return;
    const l = step!.letter;
    await run(async () => {
      if (step!.step === 'send') await legalApi.sendLetter(l.id, { version: l.version, via: v.text });
      if (step!.step === 'response') await legalApi.letterResponse(l.id, { version: l.version, response: v.text });
      if (step!.step === 'follow-up') await legalApi.letterFollowUp(l.id, { version: l.version, visitAt: v.at.toISOString(), result: v.text });
      setStep(null);
    });
  };
  const next: Record<string, Step | undefined> = { approved: 'send', sent: 'response', responded: 'follow-up' };
  const mine = (l: Letter) => l.issuingUnit.id === current.unit.id;

  const columns = [
    ...(showOrder ? [{ title: t('工单'), key: 'order', render: (_: unknown, l: Letter) => <Link to={`/orders/${l.orderId}`}>{t('查看工单')}</Link> }] : []),
    // By its kind, not the server's Chinese kindName: the kind's name in the interface language.
    { title: t('种类'), key: 'kind', render: (_: unknown, l: Letter) => (l.kind === 'opinion' ? t('工会劳动法律监督意见书') : t('工会劳动法律监督提示函')) },
    { title: t('编号'), key: 'number', render: (_: unknown, l: Letter) => l.number ?? <Tag>{t('待审批')}</Tag> },
    { title: t('用人单位'), dataIndex: 'employerName' },
    { title: t('发函单位'), key: 'unit', render: (_: unknown, l: Letter) => l.issuingUnit.name },
    { title: t('反馈期限'), dataIndex: 'replyBy', width: 110 },
    {
      title: t('状态'),
      key: 'state',
      width: 90,
      render: (_: unknown, l: Letter) => <Tag color={letterStateLabels[l.state]![1]}>{t(letterStateLabels[l.state]![0])}</Tag>,
    },
    {
      title: t('操作'),
      key: 'actions',
      render: (_: unknown, l: Letter) => {
        const s = next[l.state];
        return (
          <Space wrap>
            <Button size="small" icon={<DownloadOutlined />} href={legalApi.letterUrl(l.id)}>
              {t('下载')}
            </Button>
            {role === 'leader' && l.state === 'draft' && l.draftedBy.id !== user.id && (
              <Button size="small" type="primary" onClick={() => run(() => legalApi.approveLetter(l.id, l.version))}>
                {t('审批签发')}
              </Button>
            )}
            {s && mine(l) && role !== 'leader' && (
              <Button size="small" onClick={() => (form.resetFields(), form.setFieldsValue({ at: dayjs() }), setStep({ step: s, letter: l }))}>
                {t(stepTitles[s])}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Table<Letter>
        rowKey="id"
        size="small"
        loading={loading ?? false}
        dataSource={letters}
        columns={columns}
        pagination={false}
        expandable={{
          expandedRowRender: (l) => (
            <div className="letter-detail">
              <p>{l.facts}</p>
              <p>
                {joinList(
                  t,
                  l.legalBasis.map((c) => `《${c.law}》${c.article}`),
                  '；',
                )}
              </p>
              <p>
                {t('{label}：', { label: t('要求') })}
                {l.demands}
              </p>
              {l.approvedAt && (
                <p>
                  {t('{label}：', { label: t('审批') })}
                  {l.approvedByName} {formatDate(l.approvedAt)}
                </p>
              )}
              {l.response && (
                <p>
                  {t('{label}：', { label: t('单位反馈') })}
                  {l.response}
                </p>
              )}
              {l.visitResult && (
                <p>
                  {t('{label}：', { label: t('跟踪回访') })}
                  {l.visitResult}
                </p>
              )}
            </div>
          ),
        }}
      />
      <Modal open={!!step} title={step ? t(stepTitles[step.step]) : ''} onCancel={() => setStep(null)} onOk={submit} destroyOnHidden>
        <Form form={form} layout="vertical">
          {step?.step === 'follow-up' && (
            <Form.Item name="at" label={t('回访时间')} rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
          )}
          <Form.Item
            name="text"
            label={step?.step === 'send' ? t('送达方式') : step?.step === 'response' ? t('单位反馈') : t('回访结果')}
            rules={[{ required: true, min: 2 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
