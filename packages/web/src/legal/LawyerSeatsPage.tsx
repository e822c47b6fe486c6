import { Space, Tabs, Tag, Typography } from 'antd';
import { lawyersApi } from '../api/lawyers.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { ErrorState, Loading } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';
import { RosterEditor } from './RosterEditor.js';
import { FiguresTab } from './seats/FiguresTab.js';
import { ShiftsTab } from './seats/ShiftsTab.js';
import { TransfersTab } from './seats/TransfersTab.js';
import { figureRoles, keepers } from './seats/names.js';

/** 律师座席: the shifts the roster makes (with swaps), the transfers and consultations, the figures per lawyer, the roster. */
export default function LawyerSeatsPage() {
  const t = useT();
  const { role } = useCurrent();
  const shifts = useLoad((signal) => lawyersApi.shifts({}, signal), []);
  if (shifts.error) return <ErrorState error={shifts.error} onRetry={shifts.reload} />;
  if (!shifts.data) return <Loading />;
  const s = shifts.data;
  const tabs = [
    { key: 'shifts', label: t('值班安排'), children: <ShiftsTab shifts={s} onChanged={shifts.reload} /> },
    { key: 'transfers', label: role === 'lawyer' ? t('转给我的咨询') : t('转律师记录'), children: <TransfersTab /> },
    ...(figureRoles.includes(role) ? [{ key: 'figures', label: t('律师统计'), children: <FiguresTab /> }] : []),
    ...(keepers.includes(role) ? [{ key: 'roster', label: t('值班表设置'), children: <RosterEditor shifts={s} onSaved={shifts.reload} /> }] : []),
  ];
  return (
    <div data-testid="lawyer-seats">
      <Typography.Title level={4}>{t('律师座席')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <span>{t('{label}：', { label: t('今日值班律师') })}</span>
        {s.onDuty.length ? (
          s.onDuty.map((l) => <Tag key={l.id} color="purple">{`${l.name}（${l.firm}）${l.phone}`}</Tag>)
        ) : (
          <span className="muted">{t('今日无值班律师')}</span>
        )}
      </Space>
      <Tabs items={tabs} defaultActiveKey={role === 'lawyer' ? 'transfers' : 'shifts'} />
    </div>
  );
}
