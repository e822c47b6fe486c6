import { useLocation } from 'react-router';
import { useCurrent } from '../auth/session.js';
import { TabbedArea } from '../shell/TabbedArea.js';
import { tabOf, tabsFor } from './tabs.js';

/** The supervision area: one menu item, a tab per page the current role works with (a page's sub-paths under its tab). */
export default function SupervisionLayout() {
  const { role } = useCurrent();
  const { pathname } = useLocation();
  const current = tabOf(pathname);
  // The menu links to the board; a role without it lands on its first page.
  return <TabbedArea tabs={tabsFor(role)} current={current?.roles.includes(role) ? current : undefined} pathname={pathname} home="/supervision" />;
}
