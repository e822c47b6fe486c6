import { Space, Tag } from 'antd';
import { type ArticleVersion, knowledgeApi } from '../api/knowledge.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { statusColors, statusNames } from './labels.js';

/** Every version of an article: who saved and reviewed it, what changed from the one before, and its files. */
export function ArticleHistory({ articleId, versions }: { articleId: string; versions: ArticleVersion[] }) {
  const t = useT();
  return (
    <div className="article-versions">
      {versions.map((v) => (
        <div key={v.version} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
          <Space wrap>
            <b>v{v.version}</b>
            <Tag color={statusColors[v.status]}>{t(statusNames[v.status] ?? v.status)}</Tag>
            {v.published && <Tag color="green">{t('当前发布版本')}</Tag>}
            <span className="muted">
              {v.savedBy} · {formatTime(v.savedAt)}
            </span>
            {v.reviewedBy && (
              <span className="muted">
                {t('{label}：', { label: t('审核') })}
                {v.reviewedBy}
                {v.reviewNote ? `（${v.reviewNote}）` : ''}
              </span>
            )}
          </Space>
          <div className="small version-files" data-version={v.version}>
            {t('{label}：', { label: t('附件') })}
            {v.files.length
              ? v.files.map((f, i) => (
                  <span key={f.id}>
                    {i > 0 && t('、')}
                    <a href={knowledgeApi.fileUrl(articleId, f.id)} download={f.name}>
                      {f.name}
                    </a>
                  </span>
                ))
              : t('无')}
          </div>
          {v.changes.fields.map((c) => (
            <div key={c.field} className="small">
              {c.field}：<del>{JSON.stringify(c.before)}</del> → <ins>{JSON.stringify(c.after)}</ins>
            </div>
          ))}
          {v.changes.body.some((l) => l.op !== 'same') && (
            <pre className="small" style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
              {v.changes.body
                .filter((l) => l.op !== 'same')
                .map((l, i) => (
                  <div key={`${v.version}-${i}`} style={{ background: l.op === 'added' ? '#f6ffed' : '#fff1f0' }}>
                    {l.op === 'added' ? '+ ' : '- '}
                    {l.text}
                  </div>
                ))}
            </pre>
          )}
        </div>
      ))}
    </div>
  );
}
