import { Space, Tag } from 'antd';
import { useT } from '../i18n/i18n.js';
import { statusColors, statusNames, versionParts } from './labels.js';

/**
 * An article's versions as tags: "已发布 v1" beside "草稿 v2" while a new version is on its way, so an editor sees the
 * article is live. A published version past its dates (`stale`) is red: agents no longer see it.
 */
export function VersionTags({ article }: { article: { status: string; version: number; publishedVersion: number | null; stale: string | null } }) {
  const t = useT();
  return (
    <Space size={2} wrap data-testid="version-tags">
      {versionParts(article).map((p) => (
        <Tag key={p.version} color={p.status === 'published' && article.stale ? 'red' : statusColors[p.status]}>
          {t(statusNames[p.status] ?? p.status)} v{p.version}
        </Tag>
      ))}
    </Space>
  );
}
