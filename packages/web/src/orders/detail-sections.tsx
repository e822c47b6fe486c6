import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, List, Space, Steps, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ordersApi } from '../api/orders.js';
import type { CoHandler, OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatBytes, formatMoney, formatTime } from '../shared/format.js';
import {
  attachmentKindLabels,
  channelLabels,
  contactAccessLabels,
  hopStatusLabels,
  satisfactionLabels,
  stateLabels,
  stepLabels,
  tierLabels,
} from '../shared/labels.js';
import { useCatalogNames, useDivisionName } from '../shared/reference.js';

const finalStates = ['archived', 'closed_at_intake', 'merged', 'invalid'];
import { DeadlineTag, PriorityTag, RiskTags } from './order-tags.js';
import { ReplyDoubtTags } from './actions/ReplyDoubts.js';

export function FactsCard({ order }: { order: OrderView }) {
  const t = useT();
  const names = useCatalogNames();
  const divisionName = useDivisionName();
  return (
    <Card size="small" title={t('诉求')}>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'type', label: t('诉求类型'), children: names.type(order.typeCode) },
          { key: 'subject', label: t('诉求事项'), children: names.subject(order.subjectCode) },
          { key: 'channel', label: t('来源渠道'), children: t(channelLabels[order.channel] ?? order.channel) },
          {
            key: 'priority',
            label: t('紧急程度 / 难度'),
            children: (
              <Space size={4}>
                <PriorityTag priority={order.priority} />
                {order.priority === 'normal' && t('一般')} · {t(tierLabels[order.tier] ?? order.tier)}
              </Space>
            ),
          },
          { key: 'risk', label: t('风险标识'), children: order.riskFlags.length ? <RiskTags flags={order.riskFlags} /> : t('无') },
          { key: 'access', label: t('来电人信息'), children: t(contactAccessLabels[order.contactAccess] ?? order.contactAccess) },
          { key: 'employer', label: t('用人单位'), children: order.employer.name ?? '—', span: 2 },
          { key: 'credit', label: t('信用代码'), children: order.employer.creditCode ?? '—' },
          { key: 'place', label: t('地点'), children: [divisionName(order.place.divisionCode), order.place.text].filter(Boolean).join(' · ') || '—', span: 2 },
          { key: 'eaddr', label: t('单位地址'), children: order.employer.address ?? '—' },
          { key: 'workers', label: t('涉及人数'), children: order.workersInvolved ?? '—' },
          { key: 'amount', label: t('涉及金额'), children: formatMoney(order.amountInvolved) },
          { key: 'created', label: t('受理'), children: `${formatTime(order.createdAt)} · ${order.intakeUnit.name}` },
        ]}
      />
      <div className="narrative">
        <div className="narrative-label">{t('诉求内容')}</div>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{order.narrative}</Typography.Paragraph>
      </div>
      {order.answer && (
        <div className="narrative">
          <div className="narrative-label">{t('当场答复')}</div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{order.answer}</Typography.Paragraph>
        </div>
      )}
      {order.invalidReason && (
        <div className="narrative">
          <div className="narrative-label">{t('作废理由')}</div>
          {order.invalidReason}
        </div>
      )}
    </Card>
  );
}

export function DeadlinesCard({ order }: { order: OrderView }) {
  const t = useT();
  const d = order.deadlines;
  const now = Date.now();
  // Once replied (or closed), the reply limit is history: say whether it was kept instead of counting down.
  const replyDone = !!order.repliedAt || finalStates.includes(order.state);
  const rows = [
    d.current && { key: 'current', label: `${t('当前环节')}：${t(stepLabels[d.currentStep ?? ''] ?? d.currentStep ?? '')}`, dl: d.current },
    d.reply &&
      d.currentStep !== 'reply' && {
        key: 'reply',
        label: t('办理期限'),
        dl: !replyDone && d.reply.status ? { dueAt: d.reply.dueAt, nearDueAt: d.reply.nearDueAt, status: d.reply.status } : null,
        due: d.reply.dueAt,
      },
  ].filter(Boolean) as { key: string; label: string; dl: OrderView['deadlines']['current']; due?: string }[];
  const keptReply = order.repliedAt && d.reply ? new Date(order.repliedAt) <= new Date(d.reply.dueAt) : null;
  return (
    <Card size="small" title={t('时限')}>
      {rows.length === 0 && !d.callbackDueAt && !d.returnDueAt && <span className="muted">{t('没有进行中的时限')}</span>}
      {rows.map((r) => (
        <div key={r.key} className="deadline-row">
          <span className="deadline-label">{r.label}</span>
          {r.dl ? (
            <DeadlineTag deadline={r.dl} now={now} provisional={order.deadlineProvisional} />
          ) : keptReply === null ? (
            <Tag>{t('已办结')}</Tag>
          ) : (
            <Tag color={keptReply ? 'green' : 'red'}>{keptReply ? t('按时反馈') : t('超期反馈')}</Tag>
          )}
          <span className="muted small">{formatTime(r.dl?.dueAt ?? r.due)}</span>
        </div>
      ))}
      {d.returnDueAt && ['pending_sign', 'handling'].includes(order.state) && (
        <div className="deadline-row">
          <span className="deadline-label">{t('退单期限')}</span>
          <span className="muted small">{formatTime(d.returnDueAt)}</span>
        </div>
      )}
      {d.callbackDueAt && order.state === 'pending_callback' && (
        <div className="deadline-row">
          <span className="deadline-label">{t('回访期限')}</span>
          <span className="muted small">{formatTime(d.callbackDueAt)}</span>
        </div>
      )}
      {order.pendingExtension && (
        <div className="deadline-row">
          <Tag color="orange">{t('延期待审批')}</Tag>
          <span className="small">
            {t('申请延至 {time}', { time: formatTime(order.pendingExtension.requestedDueAt) })} · {order.pendingExtension.reason}
          </span>
        </div>
      )}
      <div className="muted small" style={{ marginTop: 6 }}>
        {t('延期 {e} 次 · 退单 {r} 次 · 重办 {w} 次 · 重启 {o} 次', {
          e: order.counts.extensions,
          r: order.counts.returns,
          w: order.counts.reworks,
          o: order.counts.reopens,
        })}
      </div>
    </Card>
  );
}

export function HopsCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.hops.length) return null;
  return (
    <Card size="small" title={t('流转路径')}>
      <Steps
        size="small"
        orientation="vertical"
        current={order.hops.length - 1}
        items={order.hops.map((h) => ({
          title: `${h.fromUnit.name} → ${h.toUnit.name}`,
          status: h.status === 'returned' ? 'error' : h.status === 'signed' ? 'finish' : 'process',
          content: (
            <div className="small">
              <div>
                {t('派出')} {formatTime(h.dispatchedAt)} · <Tag>{t(hopStatusLabels[h.status] ?? h.status)}</Tag>
                {h.signedAt && `${t('签收')} ${formatTime(h.signedAt)}`}
                {!h.signedAt && h.signDueAt && `${t('签收期限')} ${formatTime(h.signDueAt)}`}
              </div>
              {h.note && <div className="muted">{h.note}</div>}
              {h.returnReason && (
                <div style={{ color: '#cf1322' }}>
                  {t('退单理由')}：{h.returnReason}
                </div>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

export function CoHandlersCard({ order, onRemove }: { order: OrderView; onRemove: (c: CoHandler) => void }) {
  const t = useT();
  if (!order.coHandlers.length) return null;
  const canRemove = order.allowedActions.includes('remove_co_handler');
  return (
    <Card size="small" title={t('协办单位')}>
      <Table<CoHandler>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={order.coHandlers}
        columns={[
          { title: t('单位'), render: (_v, c) => (c.removedAt ? <Typography.Text delete>{c.unit.name}</Typography.Text> : c.unit.name) },
          { title: t('协办任务'), dataIndex: 'task', render: (v: string | null) => v ?? '—' },
          {
            title: t('协办反馈'),
            render: (_v, c) =>
              c.removedAt ? (
                <Tag>{t('已移除')}</Tag>
              ) : c.partReply ? (
                <span>
                  {c.partReply} <span className="muted small">{formatTime(c.repliedAt)}</span>
                </span>
              ) : (
                <Tag color="orange">{t('待反馈')}</Tag>
              ),
          },
          ...(canRemove
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_v: unknown, c: CoHandler) =>
                    !c.removedAt && (
                      <Button size="small" danger type="link" onClick={() => onRemove(c)}>
                        {t('移除')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

export function ExtensionsCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.extensions.length) return null;
  return (
    <Card size="small" title={t('延期记录')}>
      <List
        size="small"
        dataSource={order.extensions}
        renderItem={(x) => (
          <List.Item>
            <div>
              <div>
                {x.requestedByUnit.name} · {formatTime(x.requestedAt)} ·{' '}
                {t('{from} 延至 {to}', { from: formatTime(x.previousDueAt), to: formatTime(x.requestedDueAt) })}{' '}
                {x.approved === null ? (
                  <Tag color="orange">{t('待审批')}</Tag>
                ) : x.approved ? (
                  <Tag color="green">{t('已同意')}</Tag>
                ) : (
                  <Tag color="red">{t('未同意')}</Tag>
                )}
              </div>
              <div className="muted small">
                {t('理由')}：{x.reason}
                {x.decisionNote && ` · ${t('审批意见')}：${x.decisionNote}`}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function AttachmentsCard({ order, onUpload }: { order: OrderView; onUpload: (() => void) | null }) {
  const t = useT();
  if (!order.attachments.length && !onUpload) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          <PaperClipOutlined /> {t('附件')} <Tag>{order.attachments.length}</Tag>
        </span>
      }
      extra={
        onUpload && (
          <Button size="small" onClick={onUpload}>
            {t('上传附件')}
          </Button>
        )
      }
    >
      {order.attachments.length === 0 ? (
        <span className="muted">{t('暂无附件')}</span>
      ) : (
        <List
          size="small"
          dataSource={order.attachments}
          renderItem={(a) => (
            <List.Item
              actions={[
                <a key="dl" href={ordersApi.attachmentUrl(order.id, a.id)} download={a.fileName}>
                  <DownloadOutlined /> {t('下载')}
                </a>,
              ]}
            >
              <div>
                <Tag>{t(attachmentKindLabels[a.kind] ?? a.kind)}</Tag>
                {a.fileName}{' '}
                <span className="muted small">
                  {formatBytes(a.size)} · {a.uploadedByUnit.name} · {formatTime(a.uploadedAt)}
                </span>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function OutcomeCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.outcome && !order.callback) return null;
  return (
    <Card size="small" title={t('办理结果与回访')}>
      {order.outcome && (
        <Descriptions
          size="small"
          column={3}
          items={[
            {
              key: 'resolved',
              label: t('是否解决'),
              children: order.outcome.resolved ? <Tag color="green">{t('已解决')}</Tag> : <Tag color="orange">{t('未解决')}</Tag>,
            },
            { key: 'amount', label: t('追回金额'), children: formatMoney(order.outcome.amountRecovered) },
            { key: 'workers', label: t('帮助人数'), children: order.outcome.workersHelped },
            { key: 'measures', label: t('办理措施'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{order.outcome.measures}</span>, span: 3 },
            ...(order.outcome.doubts?.length
              ? [{ key: 'doubts', label: t('审核提示'), children: <ReplyDoubtTags doubts={order.outcome.doubts} />, span: 3 }]
              : []),
            { key: 'replied', label: t('反馈时间'), children: formatTime(order.repliedAt) },
            { key: 'accepted', label: t('审核通过'), children: formatTime(order.acceptedAt) },
          ]}
        />
      )}
      {order.callback && (
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'at', label: t('回访时间'), children: formatTime(order.callback.at) },
            {
              key: 'h',
              label: t('办理结果满意度'),
              children: order.callback.handlingSatisfaction ? t(satisfactionLabels[order.callback.handlingSatisfaction] ?? '') : '—',
            },
            {
              key: 'c',
              label: t('热线服务满意度'),
              children: order.callback.callSatisfaction ? t(satisfactionLabels[order.callback.callSatisfaction] ?? '') : '—',
            },
          ]}
        />
      )}
    </Card>
  );
}

export function LinksCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.links.length && !order.mergedIntoId) return null;
  return (
    <Card size="small" title={t('关联工单')}>
      {order.mergedIntoId && (
        <div style={{ marginBottom: 6 }}>
          {t('已并入')} <Link to={`/orders/${order.mergedIntoId}`}>{t('查看合并后的工单')}</Link>
        </div>
      )}
      {order.links.map((l) => (
        <div key={l.orderId}>
          <Link to={`/orders/${l.orderId}`} className="order-number">
            {l.number}
          </Link>{' '}
          <Tag>{t(stateLabels[l.state as keyof typeof stateLabels] ?? l.state)}</Tag> <span className="muted small">{l.note}</span>
        </div>
      ))}
    </Card>
  );
}

/** The requests merged into this order, each in its caller's own words: the group case is read whole here. */
export function AbsorbedCard({ order }: { order: OrderView }) {
  const t = useT();
  if (!order.absorbed.length) return null;
  return (
    <Card size="small" title={`${t('合并进来的诉求')}（${order.absorbed.length}）`} data-testid="absorbed">
      {order.absorbed.map((m) => (
        <div key={m.id} className="absorbed-request">
          <div className="muted small">
            <Link to={`/orders/${m.id}`} className="order-number">
              {m.number}
            </Link>{' '}
            · {t(channelLabels[m.channel as keyof typeof channelLabels] ?? m.channel)} · {formatTime(m.createdAt)} · {m.title}
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{m.narrative}</Typography.Paragraph>
        </div>
      ))}
    </Card>
  );
}
