import { App, Button, Card, DatePicker, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { exchangeApi } from '../../api/exchange.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorState } from '../../shell/states.js';
import { useLoad } from '../../shell/use-load.js';
import type { Partners } from './names.js';
import { FailureNote } from './FailureNote.js';

/** A partner's day reconciled: missing, duplicated and mismatched items, and the one action to re-send. */
export function ReconciliationTab({ partners }: { partners: Partners | null }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [partnerId, setPartnerId] = useState<string | undefined>(undefined);
  const [day, setDay] = useState<Dayjs>(dayjs().subtract(1, 'day'));
  const chosen = partnerId ?? partners?.items[0]?.id;
  const { data, error, loading, reload } = useLoad(
    async () => (chosen ? exchangeApi.reconciliation({ partnerId: chosen, day: day.format('YYYY-MM-DD') }) : null),
    // The server says the items' 说明 in the interface language: read again when it changes.
    [chosen, day.format('YYYY-MM-DD'), lang],
  );
  const items = data
    ? [
        ...data.missing.map((i) => ({ ...i, what: t('未确认') })),
        ...data.duplicated.map((i) => ({ ...i, what: t('重复') })),
        ...data.mismatched.map((i) => ({ ...i, what: t('不一致') })),
      ]
    : [];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select style={{ width: 240 }} value={chosen} options={(partners?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} onChange={setPartnerId} />
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />
        <Button
          onClick={() =>
            chosen &&
            void exchangeApi
              .reconciliation({ partnerId: chosen, day: day.format('YYYY-MM-DD'), refresh: 'true' })
              .then(reload)
              .catch((e: Error) => message.error(e.message))
          }
        >
          {t('重新对账')}
        </Button>
        <Button
          type="primary"
          disabled={!data?.missing.some((m) => m.messageId)}
          onClick={() =>
            chosen &&
            void exchangeApi
              .resend({ partnerId: chosen, day: day.format('YYYY-MM-DD') })
              .then((r) => (message.success(t('已重发 {n} 条', { n: r.resent })), reload()))
              .catch((e: Error) => message.error(e.message))
          }
        >
          {t('重发未确认消息')}
        </Button>
      </Space>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data ? (
        <Card size="small" loading={loading} style={{ marginBottom: 12 }}>
          <Space size="large" wrap>
            <span>
              {t('发出')} {data.sent}
            </span>
            <span>
              {t('收到')} {data.received}
            </span>
            <span>
              {t('对方确认')} {data.acknowledged}
            </span>
            <span>
              {t('未确认')} <Tag color={data.missing.length ? 'red' : 'green'}>{data.missing.length}</Tag>
            </span>
            <span>
              {t('重复')} <Tag>{data.duplicated.length}</Tag>
            </span>
            <span>
              {t('不一致')} <Tag>{data.mismatched.length}</Tag>
            </span>
            {data.statement === 'compared' ? (
              <span>{t('已与对方对账数据比对')}</span>
            ) : (
              <span data-testid="statement-unavailable">
                {data.statementError ? (
                  <>
                    {t('{label}：', { label: t('对方未提供对账数据') })}
                    <FailureNote kind={data.statementErrorKind} detail={data.statementError} />
                  </>
                ) : (
                  t('对方未提供对账数据')
                )}
              </span>
            )}
          </Space>
        </Card>
      ) : null}
      <Table
        rowKey={(r) => `${r.what}-${r.messageId ?? ''}-${r.externalId ?? ''}`}
        size="small"
        dataSource={items}
        pagination={false}
        columns={[
          { title: t('问题'), dataIndex: 'what' },
          { title: t('消息'), dataIndex: 'messageId', render: (v: string | null) => v ?? '—' },
          { title: t('对方编号'), dataIndex: 'externalId', render: (v: string | null) => v ?? '—' },
          { title: t('说明'), dataIndex: 'problem' },
        ]}
      />
    </>
  );
}
