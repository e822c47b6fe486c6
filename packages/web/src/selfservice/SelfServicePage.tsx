import { Tabs } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from '../i18n/LanguageSwitch.js';
import './selfservice.css';
import { FollowTab } from './public/FollowTab.js';
import { JoinTab } from './public/JoinTab.js';
import { SubmitTab } from './public/SubmitTab.js';

/**
 * The worker's own page (自助服务): no account, made for a phone and WeChat's browser. Submit a request, follow it,
 * rate the handling, apply to join the union.
 */
export default function SelfServicePage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('submit');
  const [followed, setFollowed] = useState<{ number: string; phone: string } | null>(null);
  // A request's number and an application's are both followed on 查询进度, opened with the number just given.
  const followIt = (number: string, phone: string) => (setFollowed({ number, phone }), setTab('follow'));
  return (
    <div className="self-service">
      <header className="self-service-head">
        <div>
          <div className="self-service-title">{t('12351 职工服务')}</div>
          <div className="self-service-sub">{t('工会帮您维权 · 不用注册')}</div>
        </div>
        <LanguageSwitch />
      </header>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        centered
        items={[
          { key: 'submit', label: t('提交诉求'), children: <SubmitTab onSubmitted={followIt} /> },
          { key: 'follow', label: t('查询进度'), children: <FollowTab initial={followed} /> },
          { key: 'rate', label: t('评价'), children: <FollowTab initial={null} rating /> },
          { key: 'join', label: t('申请入会'), children: <JoinTab onApplied={followIt} /> },
        ]}
      />
      <footer className="self-service-foot">{t('紧急情况请直接拨打 12351 职工服务热线')}</footer>
    </div>
  );
}
