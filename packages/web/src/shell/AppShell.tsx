import {
  BranchesOutlined,
  CustomerServiceOutlined,
  SolutionOutlined,
  SwapOutlined,
  BookOutlined,
  FileProtectOutlined,
  UsergroupAddOutlined,
  FileSearchOutlined,
  SafetyOutlined,
  AlertOutlined,
  RiseOutlined,
  AuditOutlined,
  DashboardOutlined,
  FundOutlined,
  FileTextOutlined,
  ApartmentOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TagsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Empty, Layout, Menu, type MenuProps } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { ScreenPopRedirect } from '../calls/ScreenPopRedirect.js';
import type { Role } from '../api/types.js';
import { useCurrent } from '../auth/session.js';
import { useT } from '../i18n/i18n.js';
import { Loading } from './states.js';
import { UserMenu } from './UserMenu.js';
import { NavDrawer } from './NavDrawer.js';
import { NotificationBell } from '../notifications/NotificationBell.js';
import { ForcedPasswordChange } from '../auth/ChangePasswordDialog.js';
import { supervisionRoles } from '../supervision/tabs.js';
import { insightRoles } from '../insights/tabs.js';

type Item = {
  path: string;
  label: string;
  icon: ReactNode;
  roles: readonly Role[] | 'all';
  /**
   * The hotline's own pages: only for a role whose reach holds what the server asks (its rule, told by the session):
   * `centre` a hotline centre (the calls: a city's centre has its own), `province` the province's hotline centre (the
   * voice menu routes every caller of the province: a city centre's supervisor has no business there). `why` says so
   * to whoever's reach falls short.
   */
  hotline?: { needs: 'centre' | 'province'; why: string };
};

/** What the session says of the current role's reach (the server's rule: units/unit-directory.ts). */
export type Reach = { role: Role; holdsHotline: boolean; holdsProvinceHotline: boolean };

/** Who reads people (the server's readerRoles): the auditor reads only the audit log (三员分立). */
export const adminReaders: readonly Role[] = ['security', 'administrator', 'leader', 'supervisor', 'dispatcher'];

/** Who reads the figures (the server's `figureRoles`). */
export const figureReaders: readonly Role[] = ['leader', 'supervisor', 'dispatcher', 'inspector', 'administrator'];

/** The menu: what each role works with, in the order of the working day. */
export const navItems: Item[] = [
  { path: '/cockpit', label: '驾驶舱', icon: <DashboardOutlined />, roles: figureReaders },
  { path: '/reports', label: '报表与专项', icon: <FileTextOutlined />, roles: figureReaders },
  // Not in the dispatcher's bar (full at 1366 px): the supervision board links to the insight pages.
  { path: '/insights', label: '智能分析', icon: <RiseOutlined />, roles: insightRoles.filter((r) => r !== 'dispatcher') },
  { path: '/intake', label: '受理台', icon: <PhoneOutlined />, roles: ['agent', 'dispatcher'] },
  {
    path: '/orders',
    label: '工单',
    icon: <ProfileOutlined />,
    roles: ['agent', 'lawyer', 'dispatcher', 'supervisor', 'handler', 'mediator', 'inspector', 'leader'],
  },
  {
    path: '/knowledge',
    label: '知识库',
    icon: <BookOutlined />,
    roles: ['editor', 'agent', 'lawyer', 'dispatcher', 'supervisor', 'handler', 'mediator', 'inspector', 'leader'],
  },
  { path: '/quality', label: '质检', icon: <FileSearchOutlined />, roles: ['inspector', 'agent', 'supervisor', 'leader'] },
  { path: '/legal/letters', label: '监督函', icon: <FileProtectOutlined />, roles: ['leader', 'handler', 'dispatcher', 'lawyer', 'mediator'] },
  { path: '/legal/mediation', label: '调解', icon: <UsergroupAddOutlined />, roles: ['mediator', 'lawyer', 'leader'] },
  {
    path: '/legal/risk-employers',
    label: '风险单位',
    icon: <SafetyOutlined />,
    roles: ['supervisor', 'leader', 'dispatcher', 'handler', 'inspector', 'lawyer', 'mediator'],
  },
  {
    path: '/calls/wallboard',
    label: '话务大屏',
    icon: <FundOutlined />,
    roles: ['supervisor', 'leader', 'agent'],
    hotline: { needs: 'centre', why: '话务大屏属于热线中心，本单位范围内没有热线中心' },
  },
  // After the wallboard: the selected item is the first whose path the location starts with.
  {
    path: '/calls',
    label: '话务记录',
    icon: <CustomerServiceOutlined />,
    roles: ['supervisor', 'inspector', 'leader', 'agent'],
    hotline: { needs: 'centre', why: '话务记录属于热线中心，本单位范围内没有热线中心' },
  },
  { path: '/legal/lawyers', label: '律师座席', icon: <SolutionOutlined />, roles: ['lawyer', 'supervisor', 'leader', 'agent', 'administrator'] },
  { path: '/union-services', label: '入会与服务群', icon: <UsergroupAddOutlined />, roles: ['handler', 'leader'] },
  { path: '/supervision', label: '督办', icon: <AlertOutlined />, roles: supervisionRoles },
  { path: '/admin/units', label: '单位管理', icon: <ApartmentOutlined />, roles: ['administrator'] },
  { path: '/admin/users', label: '人员与角色', icon: <TeamOutlined />, roles: adminReaders },
  { path: '/admin/catalog', label: '分类目录', icon: <TagsOutlined />, roles: ['administrator'] },
  { path: '/admin/time-limits', label: '时限规则', icon: <ClockCircleOutlined />, roles: ['administrator'] },
  { path: '/admin/calendar', label: '工作日历', icon: <CalendarOutlined />, roles: ['administrator'] },
  {
    path: '/admin/ivr',
    label: '语音导航',
    icon: <BranchesOutlined />,
    roles: ['supervisor', 'administrator'],
    hotline: { needs: 'province', why: '语音导航属于省热线中心，本单位范围内没有省热线中心' },
  },
  {
    path: '/admin/exchange',
    label: '数据交换',
    icon: <SwapOutlined />,
    roles: ['administrator'],
    // The exchange with 12345 and the national platform is the province centre's (server exchange/exchange-desk.ts).
    hotline: { needs: 'province', why: '数据交换属于省热线中心，本单位范围内没有省热线中心' },
  },
  { path: '/admin/jobs', label: '后台任务', icon: <ScheduleOutlined />, roles: ['administrator'] },
  { path: '/admin/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['auditor'] },
];

/** Whether the role works with a page at all, whatever its reach. */
export const roleFits = (item: Pick<Item, 'roles'>, role: Role) => item.roles === 'all' || item.roles.includes(role);

/** Whether the reach holds what a hotline page asks: a hotline centre, or the province's. */
export const reachFits = (item: Pick<Item, 'hotline'>, current: Reach) =>
  !item.hotline || (item.hotline.needs === 'province' ? current.holdsProvinceHotline : current.holdsHotline);

/** Whether the current role works with a page: its role, and for the hotline's pages, a reach that holds what they ask. */
export const canSee = (item: Pick<Item, 'roles' | 'hotline'>, current: Reach) => roleFits(item, current.role) && reachFits(item, current);

/**
 * What the shell shows under its bar. While the password must be changed first the server refuses every page's data
 * (AUTH_PASSWORD_CHANGE_REQUIRED), so the page is not opened at all: a quiet placeholder waits behind the dialog
 * instead of an error card with a retry that cannot succeed. The page opens once the password is changed.
 */
export function ShellContent({ passwordFirst }: { passwordFirst: boolean }) {
  const t = useT();
  if (passwordFirst)
    return (
      <div className="state-box" data-testid="password-first">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('修改密码后即可开始工作')} />
      </div>
    );
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}

export function AppShell() {
  const t = useT();
  const { role, current, user } = useCurrent();
  const passwordFirst = user.mustChangePassword;
  const location = useLocation();
  const items: MenuProps['items'] = navItems
    .filter((i) => canSee(i, current))
    .map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{t(i.label)}</Link> }));
  const selected = navItems.find((i) => location.pathname.startsWith(i.path))?.path;

  return (
    <Layout className="app-layout">
      <Layout.Header className="app-header">
        <NavDrawer items={items} selected={selected} />
        <Link to="/" className="app-brand">
          <span className="app-brand-mark">12351</span>
          <span className="app-brand-name">{t('工单平台')}</span>
        </Link>
        <Menu mode="horizontal" theme="dark" selectedKeys={selected ? [selected] : []} items={items} className="app-menu" />
        {!passwordFirst && <ScreenPopRedirect role={role} />}
        {!passwordFirst && <NotificationBell />}
        <UserMenu />
      </Layout.Header>
      <Layout.Content className="app-content">
        <ShellContent passwordFirst={passwordFirst} />
      </Layout.Content>
      <ForcedPasswordChange />
    </Layout>
  );
}
