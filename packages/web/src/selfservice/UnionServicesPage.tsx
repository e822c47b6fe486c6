import { Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { GroupDraftsTab } from './union/GroupDraftsTab.js';
import { MembershipsTab } from './union/MembershipsTab.js';

/** The union's side of the worker's page: membership applications and the WeChat service groups' likely grievances. */
export default function UnionServicesPage() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('入会与服务群')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('职工在自助服务页面提交的入会申请，以及微信服务群中疑似诉求的消息（本单位及下级工会）。公开页面：')}
        <Link to="/self-service" target="_blank">
          /self-service
        </Link>
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'members', label: t('入会申请'), children: <MembershipsTab /> },
          { key: 'groups', label: t('微信服务群'), children: <GroupDraftsTab /> },
        ]}
      />
    </div>
  );
}
