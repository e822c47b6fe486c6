import { Tabs } from 'antd';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { DisplayTokensTab } from './display/DisplayTokensTab.js';
import { CampaignsTab } from './reports/CampaignsTab.js';
import { ReportsTab } from './reports/ReportsTab.js';

/** 报表与专项: reports (and their schedule), campaigns, and for the system administrator the big screen's tokens. */
export default function ReportsPage() {
  const t = useT();
  const { role } = useCurrent();
  return (
    <Tabs
      items={[
        { key: 'reports', label: t('报表'), children: <ReportsTab /> },
        { key: 'campaigns', label: t('专项行动'), children: <CampaignsTab /> },
        // The server creates, lists and revokes display tokens for administrators only (display-tokens.ts).
        ...(role === 'administrator' ? [{ key: 'display', label: t('大屏令牌'), children: <DisplayTokensTab /> }] : []),
      ]}
    />
  );
}
