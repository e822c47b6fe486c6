import type { OrderState } from '../../api/types.js';
import { useT } from '../../i18n/i18n.js';
import { stateLabels } from '../../shared/labels.js';
import { pct, type Ranking, type UrgentOrder } from '../api.js';

/** Emergency and risk orders still open, the newest first. */
export function UrgentPanel({ urgent }: { urgent: UrgentOrder[] }) {
  const t = useT();
  return (
    <div className="bs-panel">
      <div className="bs-panel-title">{t('在办紧急与风险工单')}</div>
      <div className="bs-urgent">
        {urgent.length === 0 && <div className="bs-muted">{t('暂无')}</div>}
        {/* Six fit the panel's height (two lines each): a seventh would show cut in half. */}
        {urgent.slice(0, 6).map((u) => (
          <div key={u.id} className="bs-urgent-row">
            <div className="bs-urgent-title">{u.title}</div>
            <div className="bs-muted">
              {u.unitName} · {t(stateLabels[u.state as OrderState] ?? u.state)}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

/** The units ranked by on-time completion over the last 30 days (units with nothing due are left out). */
export function RankingPanel({ ranking }: { ranking: Ranking }) {
  const t = useT();
  return (
    <div className="bs-panel">
      <div className="bs-panel-title">{t('近30天按时办结率排名')}</div>
      <div className="bs-rank">
        {ranking.units
          .filter((u) => u.rank !== null)
          .slice(0, 8)
          .map((u) => (
            <div key={u.unitId} className="bs-rank-row">
              <span className="bs-rank-no">{u.rank}</span>
              <span className="bs-rank-name">{u.unitName}</span>
              <b>{pct(u.value)}</b>
            </div>
          ))}
      </div>
    </div>
  );
}
