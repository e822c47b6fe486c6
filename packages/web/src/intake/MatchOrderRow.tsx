import { ExportOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tag } from 'antd';
import type { IntakeMatches, OrderSummary } from '../api/types.js';
import { useT } from '../i18n/i18n.js';
import { formatDate } from '../shared/format.js';
import { stateColors, stateLabels } from '../shared/labels.js';
import { useCatalogNames } from '../shared/reference.js';
import { attachableStates } from './intake-form.js';

type MatchedOrder = IntakeMatches['callerOrders'][number];

/**
 * An earlier order in the hints: number, state, subject, date, and attaching this caller to it when it is still open
 * and does not hold this very number already (the server refuses a number twice on an order: its match reasons say).
 */
export function MatchOrderRow({ o, onAttach, attaching }: { o: MatchedOrder; onAttach: (o: OrderSummary) => void; attaching: boolean }) {
  const t = useT();
  const names = useCatalogNames();
  const onIt = o.matchReasons.includes('same_number');
  const canAttach = attachableStates.includes(o.state) && !onIt;
  return (
    <div className="match-row">
      <div className="match-main">
        <a href={`/orders/${o.id}`} target="_blank" rel="noreferrer" title={t('在新标签页打开，不影响本次受理')}>
          <span className="order-number">{o.number}</span> <ExportOutlined style={{ fontSize: 11 }} />
        </a>
        <Tag color={stateColors[o.state]} style={{ marginInlineStart: 6 }}>
          {t(stateLabels[o.state])}
        </Tag>
        {o.isGroup && <Tag color="magenta">{t('群体 {n} 人来电', { n: o.callerCount })}</Tag>}
        <div className="match-title">{o.title}</div>
        <div className="muted small">
          {formatDate(o.createdAt)} · {names.subject(o.subjectCode)} · {o.holderUnit.name}
        </div>
      </div>
      {onIt && attachableStates.includes(o.state) && <span className="muted small">{t('本号码已是该工单的来电人')}</span>}
      {canAttach && (
        <Popconfirm
          title={t('把本来电人追加到工单 {number}？', { number: o.number })}
          description={t('不新建工单，来电人并入该工单（群体诉求）')}
          okText={t('追加')}
          onConfirm={() => onAttach(o)}
        >
          <Button size="small" icon={<UserAddOutlined />} loading={attaching}>
            {t('追加来电人')}
          </Button>
        </Popconfirm>
      )}
    </div>
  );
}
