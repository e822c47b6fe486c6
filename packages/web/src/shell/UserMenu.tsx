import { DownOutlined, HomeOutlined, KeyOutlined, LogoutOutlined, SwapOutlined, TranslationOutlined, UndoOutlined, UserOutlined } from '@ant-design/icons';
import { App, Dropdown, Space, Tag, type MenuProps } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { authApi } from '../api/auth.js';
import { homeFor, useCurrent, useSession } from '../auth/session.js';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog.js';
import { useI18n } from '../i18n/i18n.js';
import { roleLabels } from '../shared/labels.js';

/** Who is working, as which role at which unit; switching role, password, language and signing out. */
export function UserMenu() {
  const { t, lang, setLang } = useI18n();
  const { message } = App.useApp();
  const current = useCurrent();
  const { logout, switchRole, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;
  const startPage = current.current.startPage;
  const [changing, setChanging] = useState(false);

  const roleItems: MenuProps['items'] = current.assignments.map((a) => ({
    key: `role:${a.assignmentId}`,
    icon: <SwapOutlined />,
    disabled: a.assignmentId === current.current.assignmentId,
    label: `${t(roleLabels[a.role])} · ${a.unit.name}`,
  }));
  const items: MenuProps['items'] = [
    // The unit is said here (and in the button's tooltip), not in the header: the header keeps its width for the menu.
    {
      key: 'who',
      disabled: true,
      className: 'user-menu-who',
      label: `${current.user.displayName} · ${t(roleLabels[current.role])} · ${current.current.unit.name}`,
    },
    { type: 'divider' as const },
    ...(current.assignments.length > 1
      ? [{ type: 'group' as const, key: 'roles', label: t('切换角色'), children: roleItems }, { type: 'divider' as const }]
      : []),
    // 设为首页: the page (a queue with its view) this person starts on in this role, on any computer.
    { key: 'home', icon: <HomeOutlined />, disabled: startPage === here, label: t('设为我的首页') },
    ...(startPage ? [{ key: 'home-reset', icon: <UndoOutlined />, label: t('恢复默认首页') }] : []),
    { key: 'lang', icon: <TranslationOutlined />, label: lang === 'zh' ? 'English' : '中文' },
    { key: 'password', icon: <KeyOutlined />, label: t('修改密码') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = async ({ key }) => {
    if (key === 'home' || key === 'home-reset') {
      try {
        setSession(await authApi.setStartPage(key === 'home' ? here : null));
        message.success(key === 'home' ? t('已设为首页，下次登录从这里开始') : t('已恢复默认首页'));
      } catch (e) {
        message.error((e as Error).message);
      }
    } else if (key === 'lang') setLang(lang === 'zh' ? 'en' : 'zh');
    else if (key === 'password') setChanging(true);
    else if (key === 'logout') await logout();
    else if (key.startsWith('role:')) {
      try {
        const s = await switchRole(key.slice(5));
        message.success(t('已切换为 {role} · {unit}', { role: t(roleLabels[s.current.role]), unit: s.current.unit.name }));
        navigate(homeFor(s.current.role, s.user.id, s.current.startPage));
      } catch (e) {
        message.error((e as Error).message);
      }
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <button type="button" className="user-menu" aria-label={t('个人菜单')} title={`${current.user.displayName} · ${current.current.unit.name}`}>
          <Space size={8}>
            <UserOutlined />
            <span className="user-name">{current.user.displayName}</span>
            <span className="user-unit">{current.current.unit.name}</span>
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {t(roleLabels[current.role])}
            </Tag>
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </button>
      </Dropdown>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
