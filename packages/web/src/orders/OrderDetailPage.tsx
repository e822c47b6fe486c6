import { ArrowLeftOutlined, CopyOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { ordersApi } from '../api/orders.js';
import type { OrderView } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { formatTime } from '../shared/format.js';
import { ActionBar, type ActionKey } from './ActionBar.js';
import { ActionDialog, type ActionSpec } from './actions/ActionDialog.js';
import { actionSpecs } from './actions/specs.js';
import { coHandlerUnitNames } from './actions/co-handler-feedback.js';
import { CallersCard } from './CallersCard.js';
import { AttachmentsCard } from './detail/AttachmentsCard.js';
import { CoHandlersCard } from './detail/CoHandlersCard.js';
import { DeadlinesCard } from './detail/DeadlinesCard.js';
import { ExtensionsCard } from './detail/ExtensionsCard.js';
import { FactsCard } from './detail/FactsCard.js';
import { HopsCard } from './detail/HopsCard.js';
import { AbsorbedCard, LinksCard } from './detail/LinksCard.js';
import { OutcomeCard } from './detail/OutcomeCard.js';
import { DeadlineTag, MarkerTags, PriorityTag, RiskTags, StateTag } from './order-tags.js';
import { InstructionPanel } from '../supervision/InstructionPanel.js';
import { OrderTimeline } from './OrderTimeline.js';
import { ExchangeCard } from './ExchangeCard.js';
import { LegalPanel } from '../legal/LegalPanel.js';
import { LawyerSeatPanel } from '../legal/LawyerSeatPanel.js';
import { useCurrent } from '../auth/session.js';
import { isOrderId } from './order-id.js';
import { printOrder } from './print.js';
import './orders.css';
import { removeCoHandlerSpec } from './actions/specs/remove-co-handler.js';

export default function OrderDetailPage() {
  const t = useT();
  const { role, current } = useCurrent();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const order = useLoad(() => ordersApi.get(id), [id]);
  const events = useLoad(() => ordersApi.events(id), [id]);
  const [spec, setSpec] = useState<ActionSpec | null>(null);

  const reloadAll = useCallback(() => {
    order.reload();
    events.reload();
  }, [order, events]);

  const onAction = (a: ActionKey) => {
    const s = actionSpecs[a];
    if (s) setSpec(s as ActionSpec);
  };
  const onDone = (next: OrderView) => {
    setSpec(null);
    order.setData(next);
    events.reload();
  };

  const o = order.data;
  const header = !o ? null : (
    <Card size="small" className="order-header">
      <div className="print-only print-heading">{t('12351 职工服务热线 · 工单')}</div>
      <div className="order-header-top">
        <Space size={8} wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('返回')} />
          <Typography.Title level={4} style={{ margin: 0 }} className="order-number">
            {o.number}
          </Typography.Title>
          <Tooltip title={t('复制工单号')}>
            <Button
              type="text"
              size="small"
              icon={<CopyOutlined />}
              aria-label={t('复制工单号')}
              onClick={() => void navigator.clipboard?.writeText(o.number).then(() => message.success(t('工单号已复制')))}
            />
          </Tooltip>
          <StateTag state={o.state} large />
          <PriorityTag priority={o.priority} />
          <RiskTags flags={o.riskFlags} />
          <MarkerTags confidential={o.confidential} isGroup={o.isGroup} callerCount={o.callerCount} />
          {o.deadlines.current && <DeadlineTag deadline={o.deadlines.current} step={o.deadlines.currentStep} provisional={o.deadlineProvisional} />}
        </Space>
        <Space size={4} className="order-header-tools no-print">
          <Tooltip title={t('打印')}>
            <Button icon={<PrinterOutlined />} onClick={() => printOrder(o, t)} aria-label={t('打印')} />
          </Tooltip>
          <Tooltip title={t('刷新')}>
            <Button icon={<ReloadOutlined />} onClick={reloadAll} aria-label={t('刷新')} />
          </Tooltip>
        </Space>
      </div>
      <div className="order-header-title">{o.title}</div>
      <div className="muted small">
        {t('{label}：', { label: t('承办单位') })}
        <strong>{o.holderUnit.name}</strong>
        {o.dispatchUnit && ` · ${t('{label}：', { label: t('交办单位') })}${o.dispatchUnit.name}`} · {t('受理于')} {formatTime(o.createdAt)}
      </div>
      <div style={{ marginTop: 10 }} className="no-print">
        <ActionBar order={o} onAction={onAction} />
        {o.allowedActions.length === 0 && <span className="muted small">{t('当前角色对此工单没有可执行的操作')}</span>}
      </div>
    </Card>
  );

  // A malformed id names no order: the not-found page, not the server's field message about the path.
  if (!isOrderId(id)) return <ErrorState error={new ApiError(404, 'ORDER_NOT_FOUND', t('请检查链接中的工单编号'))} />;
  if (order.error) return <ErrorState error={order.error} onRetry={order.reload} />;
  if (!o) return <Loading />;

  return (
    <div className="order-detail">
      {header}
      {/* An instruction, its acknowledgement or the emergency way move the order on: reload it, not only its timeline. */}
      <div className="no-print">
        <InstructionPanel order={o} onChanged={reloadAll} />
      </div>
      <div className="order-columns">
        <div className="order-main">
          <FactsCard order={o} />
          <AbsorbedCard order={o} />
          <CallersCard order={o} onRevealed={events.reload} />
          <OutcomeCard order={o} />
          <HopsCard order={o} />
          <CoHandlersCard order={o} onRemove={(c) => setSpec(removeCoHandlerSpec(c))} />
          <ExtensionsCard order={o} />
          <AttachmentsCard order={o} onUpload={o.allowedActions.includes('add_attachment') ? () => onAction('add_attachment') : null} />
          <LinksCard order={o} />
          {/* The working panels (transfers, the lawyer's seat, legal help) are not printed: print.ts. */}
          <div className="order-panels no-print">
            {role !== 'integration' && (
              <ExchangeCard
                orderId={o.id}
                // Transferring out is the province hotline centre's (server exchange.service transferOut): a city's dispatcher is refused.
                canTransfer={role === 'dispatcher' && current.holdsProvinceHotline && !['archived', 'closed_at_intake', 'merged', 'invalid'].includes(o.state)}
                onChanged={events.reload}
              />
            )}
            {role !== 'integration' && <LawyerSeatPanel order={o} onChanged={events.reload} />}
            {role !== 'agent' && role !== 'integration' && <LegalPanel order={o} onChanged={events.reload} />}
          </div>
        </div>
        <div className="order-side">
          <DeadlinesCard order={o} />
          <OrderTimeline events={events.data} loading={events.loading} error={events.error} onRetry={events.reload} unitNames={coHandlerUnitNames(o)} />
        </div>
      </div>
      <ActionDialog
        spec={spec}
        order={o}
        onClose={() => setSpec(null)}
        onDone={onDone}
        // The dialog stays open over the reloaded order, with what was typed in it (ActionDialog.tsx).
        onConflict={reloadAll}
      />
    </div>
  );
}
