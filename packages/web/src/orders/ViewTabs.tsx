import { Badge, Tabs, Tooltip } from 'antd';
import { useT } from '../i18n/i18n.js';
import type { SavedView } from './views.js';

/** The role's queues as tabs, each with how many orders it holds; overdue red and near due orange when not empty. */
export function ViewTabs({
  views,
  active,
  counts,
  onChange,
}: {
  views: SavedView[];
  active: string;
  counts: Record<string, number>;
  onChange: (key: string) => void;
}) {
  const t = useT();
  return (
    <Tabs
      activeKey={active}
      onChange={onChange}
      items={views.map((v) => {
        const n = counts[v.key];
        return {
          key: v.key,
          label: (
            <Tooltip title={t(v.hint)}>
              <span>
                {t(v.label)}{' '}
                {n !== undefined && (
                  <Badge
                    count={n}
                    showZero
                    overflowCount={9999}
                    color={v.key === 'overdue' && n > 0 ? '#cf1322' : v.key === 'near_due' && n > 0 ? '#fa8c16' : '#8c8c8c'}
                  />
                )}
              </span>
            </Tooltip>
          ),
        };
      })}
    />
  );
}
