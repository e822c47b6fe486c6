import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/i18n.js';
import { useUnreadCount } from './use-unread.js';

/** The header's bell: the unread count, live; a click opens the notification centre. */
export function NotificationBell() {
  const t = useT();
  const unread = useUnreadCount();
  const navigate = useNavigate();
  return (
    <Tooltip title={t('通知中心')}>
      <Button type="text" className="notification-bell" aria-label={t('通知中心')} onClick={() => navigate('/notifications')} data-testid="notification-bell">
        <Badge count={unread ?? 0} size="small" overflowCount={99} data-testid="unread-count" data-unread={unread ?? ''}>
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
