import { Tabs } from 'antd';
import { useT } from '../i18n/i18n.js';
import { CampaignsTab } from './reports/CampaignsTab.js';
import { ReportsTab } from './reports/ReportsTab.js';

export default function ReportsPage() {
  const t = useT();
  return (
    <Tabs
      items={[
        { key: 'reports', label: t('报表'), children: <ReportsTab /> },
        { key: 'campaigns', label: t('专项行动'), children: <CampaignsTab /> },
      ]}
    />
  );
}
