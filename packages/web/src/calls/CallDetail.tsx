import { Button, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { callsApi, type CallView } from '../api/calls.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useQueueName } from '../shared/reference.js';
import { useLoad } from '../shell/use-load.js';
import { agentLabel, eventLabels, outcomeLabels, targetLabels } from './labels.js';

/** One call opened: its trail of events, the recording, and the orders taken on it. */
export function CallDetail({ callId }: { callId: string }) {
  const t = useT();
  const call = useLoad(() => callsApi.get(callId), [callId]);
  const queueName = useQueueName();
  if (call.error) return <ErrorState error={call.error} onRetry={call.reload} />;
  const c = call.data as CallView | null;
  if (!c) return null;
  return (
    <div data-testid="call-detail">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('来电号码')}>{c.caller ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('拨打号码')}>{c.dialled ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('队列')}>{queueName(c.queue)}</Descriptions.Item>
        <Descriptions.Item label={t('坐席')}>{agentLabel(c)}</Descriptions.Item>
        <Descriptions.Item label={t('结果')}>
          <Tag color={outcomeLabels[c.outcome][1]}>{t(outcomeLabels[c.outcome][0])}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('等待 / 通话')}>
          {c.waitSeconds ?? '—'} s / {c.talkSeconds ?? '—'} s
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('录音')}
      </Typography.Title>
      {c.recordingUrl ? (
        // biome-ignore lint/a11y/useMediaCaption: call recordings have no captions
        <audio controls preload="none" src={c.recordingUrl} style={{ width: '100%' }} data-testid="call-recording" />
      ) : (
        <Typography.Text type="secondary">{c.recordingAvailable ? t('有录音，当前角色无权收听') : t('无录音')}</Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('关联工单')}
      </Typography.Title>
      {c.orders?.length ? (
        <Space direction="vertical">
          {c.orders.map((o) => (
            <Link key={o.id} to={`/orders/${o.id}`}>
              {o.number} {o.title}
            </Link>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('无关联工单')}</Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('事件轨迹')}
      </Typography.Title>
      <Timeline
        items={(c.events ?? []).map((e) => ({
          key: e.eventId,
          content: (
            <span>
              {formatTime(e.at).slice(5)}:{e.at.slice(17, 19)} {t(eventLabels[e.type] ?? e.type)}
              {e.queue ? ` · ${queueName(e.queue)}` : ''}
              {e.agent ? ` · ${e.agent}` : ''}
              {e.target ? ` → ${t(targetLabels[e.target] ?? e.target)}${e.targetName ? `（${e.targetName}）` : ''}` : ''}
            </span>
          ),
        }))}
      />
      <Button onClick={call.reload} size="small">
        {t('刷新')}
      </Button>
    </div>
  );
}
