import { ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { catalogApi } from '../api/admin.js';
import type { TimeLimitRule } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { useCatalogNames } from '../shared/reference.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { stepLabels } from '../shared/labels.js';
import './admin.css';
import { limitText, selectorText } from './time-limits/describe.js';
import { PreviewCard } from './time-limits/PreviewCard.js';
import { RuleDialog } from './time-limits/RuleDialog.js';
import { steps } from './time-limits/names.js';

export default function TimeLimitsPage() {
  const t = useT();
  const names = useCatalogNames();
  const [step, setStep] = useState<string>('all');
  const rules = useLoad(() => catalogApi.rules(step === 'all' ? undefined : step), [step]);
  const [editing, setEditing] = useState<TimeLimitRule | 'new' | null>(null);

  return (
    <div>
      <div className="page-title">
        <h1>
          <ClockCircleOutlined /> {t('时限规则')}
        </h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('新增规则')}
        </Button>
      </div>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small">
            <Segmented
              style={{ marginBottom: 10 }}
              value={step}
              onChange={(v) => setStep(String(v))}
              options={[{ value: 'all', label: t('全部环节') }, ...steps.map((s) => ({ value: s, label: t(stepLabels[s]!) }))]}
            />
            {rules.error ? (
              <ErrorState error={rules.error} onRetry={rules.reload} />
            ) : (
              <Table<TimeLimitRule>
                rowKey="id"
                size="small"
                loading={rules.loading}
                dataSource={rules.data?.items ?? []}
                pagination={false}
                scroll={{ y: 'calc(100vh - 280px)' }}
                locale={{ emptyText: t('暂无规则') }}
                columns={[
                  { title: t('环节'), key: 'step', width: 90, render: (_v, r) => t(stepLabels[r.step] ?? r.step) },
                  { title: t('适用范围'), key: 'appliesTo', render: (_v, r) => selectorText(r, t, names) },
                  { title: t('时限'), key: 'limit', width: 200, render: (_v, r) => limitText(r, t) },
                  { title: t('备注'), dataIndex: 'note', width: 160, ellipsis: true },
                  {
                    title: t('状态'),
                    dataIndex: 'active',
                    width: 70,
                    render: (v: boolean) => (v ? <Tag color="green">{t('启用')}</Tag> : <Tag>{t('停用')}</Tag>),
                  },
                  {
                    title: '',
                    width: 60,
                    render: (_v, r) => (
                      <Button type="link" size="small" onClick={() => setEditing(r)}>
                        {t('修改')}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col span={8}>
          <PreviewCard />
        </Col>
      </Row>
      {editing && (
        <RuleDialog
          rule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            rules.reload();
          }}
        />
      )}
    </div>
  );
}
