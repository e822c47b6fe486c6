import { Alert, Space } from 'antd';
import { Link } from 'react-router';
import { instructionsApi } from '../api/supervision.js';
import { useT } from '../i18n/i18n.js';
import { useLoad } from '../shell/use-load.js';

/** Above the order lists: the open orders in the emergency mechanism within reach (应急机制). */
export function EmergencyBanner() {
  const t = useT();
  const { data } = useLoad((signal) => instructionsApi.emergency(signal), []);
  if (!data || data.total === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="emergency-banner"
      message={t('应急机制：{n} 件应急工单在办', { n: data.total })}
      description={
        <Space wrap>
          {data.orders.slice(0, 5).map((o) => (
            <Link key={o.id} to={`/orders/${o.id}`}>
              {o.number}
            </Link>
          ))}
        </Space>
      }
    />
  );
}
