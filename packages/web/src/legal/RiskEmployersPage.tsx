import { SafetyOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { legalApi, type RiskEmployer } from '../api/legal.js';
import { ListFooter } from '../shell/ListFooter.js';
import { useI18n } from '../i18n/i18n.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { riskLevelLabels } from './labels.js';
import { useRegisterPages } from './useRegisterPages.js';
import { validValues } from '../api/form-errors.js';
import { riskReasonText } from './risk-reasons.js';

type Level = 'high' | 'medium' | 'low';

/**
 * The risk-employer register of the reader's territory, high to low, a page at a time: why each employer is on it,
 * its orders, the visits planned and made. A notice's link (`?key=`) shows the one employer it is about.
 */
export default function RiskEmployersPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const key = params.get('key') ?? undefined;
  const [level, setLevel] = useState<Level | undefined>();
  const query = useMemo(() => ({ ...(level ? { level } : {}), ...(key ? { key } : {}) }), [level, key]);
  const reg = useRegisterPages(query);
  const [planning, setPlanning] = useState<RiskEmployer | null>(null);
  const [recording, setRecording] = useState<{ id: string; name: string } | null>(null);
  const [form] = Form.useForm();

  const plan = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      // The answer is the employer's entry: it takes its place, the pages loaded so far stay.
      reg.replace((await legalApi.planVisit({ employerKey: planning!.employerKey, plannedFor: v.plannedFor.format('YYYY-MM-DD'), purpose: v.purpose })).items);
      setPlanning(null);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const record = async () => {
    const v = await validValues(form);
    if (!v) return;
    try {
      reg.replace((await legalApi.visitResult(recording!.id, { visitedAt: v.visitedAt.toISOString(), result: v.result })).items);
      setRecording(null);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const columns = [
    { title: t('用人单位'), dataIndex: 'employerName' },
    {
      title: t('风险等级'),
      key: 'level',
      width: 100,
      render: (_: unknown, r: RiskEmployer) => <Tag color={riskLevelLabels[r.level]![1]}>{t(riskLevelLabels[r.level]![0])}</Tag>,
    },
    {
      title: t('列入原因'),
      key: 'reasons',
      render: (_: unknown, r: RiskEmployer) => (
        <Flex wrap gap={4}>
          {r.reasons.map((x) => (
            <Tag key={x.code}>{riskReasonText(x, t, lang)}</Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('近期诉求'), dataIndex: 'ordersInWindow', width: 90 },
    { title: t('涉及金额'), key: 'amount', width: 130, render: (_: unknown, r: RiskEmployer) => formatMoney(r.amountTotal, lang) },
    { title: t('属地工会'), key: 'unit', render: (_: unknown, r: RiskEmployer) => r.territorialUnit?.name ?? '—' },
    { title: t('列入日期'), key: 'entered', width: 110, render: (_: unknown, r: RiskEmployer) => formatDate(r.enteredAt) },
    {
      title: t('操作'),
      key: 'actions',
      width: 110,
      render: (_: unknown, r: RiskEmployer) => (
        <Button
          size="small"
          onClick={() => (form.resetFields(), form.setFieldsValue({ plannedFor: dayjs().add(3, 'day'), purpose: '“12351+法律监督”上门走访' }), setPlanning(r))}
        >
          {t('计划走访')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space>
          <SafetyOutlined />
          {t('风险用人单位')}
        </Space>
      }
      extra={
        <Select
          allowClear
          placeholder={t('全部等级')}
          style={{ width: 160 }}
          value={level}
          onChange={setLevel}
          // Each level with how many employers of the territory it has (the counts do not follow the level chosen).
          options={Object.entries(riskLevelLabels).map(([value, [label]]) => {
            const n = reg.first?.countsByLevel?.[value as Level];
            return { value, label: n === undefined ? t(label) : `${t(label)} (${n})` };
          })}
        />
      }
    >
      {key && (
        <Tag closable style={{ marginBottom: 12 }} onClose={() => setParams({})}>
          {t('只看 {name}', { name: reg.items[0]?.employerName ?? key })}
        </Tag>
      )}
      {reg.error != null ? (
        <ErrorState error={reg.error} onRetry={reg.reload} />
      ) : (
        <>
          <Table<RiskEmployer>
            rowKey="employerKey"
            loading={reg.loading}
            dataSource={reg.items}
            columns={columns}
            pagination={false}
            expandable={{
              expandedRowRender: (r) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <div>
                    <b>{t('诉求历史')}</b>
                    {r.orders.map((o) => (
                      <div key={o.id}>
                        <Link to={`/orders/${o.id}`}>{o.number}</Link> {formatDate(o.createdAt)} {o.title}
                      </div>
                    ))}
                  </div>
                  <div>
                    <b>{t('走访')}</b>
                    {r.visits.length === 0 && <div>{t('尚未安排走访')}</div>}
                    {r.visits.map((v) => (
                      <div key={v.id}>
                        {v.plannedFor} {v.purpose} —{' '}
                        {v.result ?? (
                          <Button
                            size="small"
                            type="link"
                            onClick={() => (form.resetFields(), form.setFieldsValue({ visitedAt: dayjs() }), setRecording({ id: v.id, name: r.employerName }))}
                          >
                            {t('登记走访结果')}
                          </Button>
                        )}
                      </div>
                    ))}
                  </div>
                </Space>
              ),
            }}
          />
          <ListFooter
            total={reg.total}
            capped={reg.totalCapped}
            shown={reg.items.length}
            more={reg.next ? () => void reg.more() : null}
            loadingMore={reg.loadingMore}
          />
        </>
      )}
      <Modal open={!!planning} title={`${t('计划走访')} · ${planning?.employerName ?? ''}`} onCancel={() => setPlanning(null)} onOk={plan} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="plannedFor" label={t('计划日期')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="purpose" label={t('走访事项')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!recording} title={`${t('登记走访结果')} · ${recording?.name ?? ''}`} onCancel={() => setRecording(null)} onOk={record} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="visitedAt" label={t('走访时间')} rules={[{ required: true }]}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="result" label={t('走访结果')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
