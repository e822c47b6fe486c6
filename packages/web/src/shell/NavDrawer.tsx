import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { useT } from '../i18n/i18n.js';

/**
 * The menu on a narrow screen (a phone, a tablet held upright, a half-width window): a button in the header opens the
 * same destinations as a list from the side. Shown by CSS below 768 px, where the header has no room for the bar.
 */
export function NavDrawer({ items, selected }: { items: MenuProps['items']; selected: string | undefined }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  // Closed by a move to another page (an item, the back button, a link in the page), not only by an item's click.
  const [openAt, setOpenAt] = useState(location.key);
  if (open && openAt !== location.key) setOpen(false);

  return (
    <>
      <Button
        type="text"
        className="app-menu-button"
        aria-label={t('打开菜单')}
        aria-expanded={open}
        icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => {
          setOpenAt(location.key);
          setOpen(true);
        }}
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="left"
        size={260}
        title={t('菜单')}
        className="app-menu-drawer"
        styles={{ body: { padding: 0 } }}
      >
        <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} onClick={() => setOpen(false)} style={{ borderInlineEnd: 0 }} />
      </Drawer>
    </>
  );
}
