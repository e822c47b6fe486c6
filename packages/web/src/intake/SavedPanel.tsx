import { CopyOutlined, FileSearchOutlined, PhoneOutlined } from '@ant-design/icons';
import { App, Button, Card, Result, Space, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { stateLabels } from '../shared/labels.js';
import { CallTimer } from './CallTimer.js';

/** 12351-150000-20261125-0007 → the parts a person reads out, the daily sequence last and largest. */
export function numberParts(n: string): { prefix: string; date: string; seq: string } {
  const m = /^(.*)-(\d{8})-(\d+)$/.exec(n);
  return m ? { prefix: m[1]!, date: m[2]!, seq: m[3]! } : { prefix: '', date: '', seq: n };
}

/** After saving: the order number, large enough to read to the caller, and the way to the next call. */
export function SavedPanel({
  order,
  kind,
  startedAt,
  endedAt,
  onNext,
}: {
  order: OrderView;
  kind: 'created' | 'attached';
  startedAt: number;
  endedAt: number;
  onNext: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => next.current?.focus(), []);
  const p = numberParts(order.number);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(order.number);
      message.success(t('工单号已复制'));
    } catch {
      message.info(order.number);
    }
  };
  // The worker's page follows an order by its number and a caller's phone (mobile or landline, as recorded here);
  // a caller who left no number can only ask the hotline.
  const followHint = order.callers.some((c) => c.phone)
    ? t('请向来电人读出工单号：凭工单号和来电时登记的电话号码，可在 12351 自助服务页面查询办理进度')
    : t('请向来电人读出工单号：未登记电话号码，来电人可再拨 12351 凭工单号查询办理进度');
  const title = kind === 'attached' ? t('来电人已追加到工单') : order.state === 'closed_at_intake' ? t('咨询已当场办结') : t('工单已生成，等待派单');
  return (
    <Card className="saved-panel">
      <Result
        status="success"
        title={title}
        subTitle={
          <Space orientation="vertical" size={4}>
            <span>{followHint}</span>
            <CallTimer startedAt={startedAt} stopped={endedAt} />
          </Space>
        }
      />
      <div className="order-number-big" aria-label={t('工单号')}>
        <span className="onb-prefix">{p.prefix}-</span>
        <span className="onb-date">{p.date}</span>
        <span className="onb-sep">-</span>
        <span className="onb-seq">{p.seq}</span>
      </div>
      <Typography.Paragraph className="saved-meta" type="secondary">
        {t(stateLabels[order.state])} · {order.title}
        {kind === 'attached' && ` · ${t('共 {n} 名来电人', { n: order.callerCount })}`}
      </Typography.Paragraph>
      <Space size="middle" style={{ justifyContent: 'center', width: '100%' }}>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} size="large">
          {t('复制工单号')}
        </Button>
        <Link to={`/orders/${order.id}`}>
          <Button icon={<FileSearchOutlined />} size="large">
            {t('查看工单')}
          </Button>
        </Link>
        <Button ref={next} type="primary" icon={<PhoneOutlined />} size="large" onClick={onNext}>
          {t('新来电')} (Alt+N)
        </Button>
      </Space>
    </Card>
  );
}
