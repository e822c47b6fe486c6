import { useLocation } from 'react-router';
import { useCurrent } from '../auth/session.js';
import { TabbedArea } from '../shell/TabbedArea.js';
import { insightTabsFor } from './tabs.js';

/** 智能分析: one menu item, a tab per page the current role reads. */
export default function InsightsLayout() {
  const { role } = useCurrent();
  const { pathname } = useLocation();
  const tabs = insightTabsFor(role);
  return <TabbedArea tabs={tabs} current={tabs.find((x) => pathname === x.path)} pathname={pathname} home="/insights" />;
}
