import { Badge, Button, Card, Input, List, Modal, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrent } from '../auth/session.js';
import { knowledgeApi, type ArticleHit, type ArticleView, type KnowledgeGaps } from '../api/knowledge.js';
import { errorMessage } from '../api/client.js';
import { useT } from '../i18n/i18n.js';
import { joinList } from '../i18n/lists.js';
import { ArticleEditor } from './ArticleEditor.js';
import { Highlighted } from './Highlighted.js';
import { RichText } from './RichText.js';
import { kindNames } from './labels.js';
import { VersionTags } from './VersionTags.js';
import { SynonymsView } from './SynonymsView.js';

/** The editors' tabs, named in the address (?tab=): a notice of a version to review links to `review`. */
export const editorTabs = ['review', 'articles', 'gaps', 'synonyms'] as const;

/**
 * Which tab is shown: the one the address names, when the role has it; else where the page opened (`opening`: for an
 * editor with versions waiting for their review, 待我审核, else the search; null while that is being asked).
 */
export function shownTab(named: string | null, editor: boolean, opening: string | null): string | null {
  if (named === 'search' || (editor && (editorTabs as readonly string[]).includes(named ?? ''))) return named;
  return opening;
}

/** Where an editor's knowledge page opens: their reviews first when some wait for them (counted once, on opening). */
export const openingTab = (editor: boolean, toReview: number | null) => (editor && toReview ? 'review' : 'search');

/**
 * The knowledge base: search for everyone; for editors also the versions waiting for their review (待我审核, what the
 * notices of a submitted version link to), every article's status and the to-write list.
 */
export default function KnowledgePage() {
  const t = useT();
  const { role } = useCurrent();
  const editor = role === 'editor';
  const [params, setParams] = useSearchParams();
  const [hits, setHits] = useState<{ searchId: number; items: ArticleHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ArticleView | null>(null);
  const [listNonce, setListNonce] = useState(0);
  // How many versions wait for this editor's review: the tab's badge, and where an editor starts.
  const [toReview, setToReview] = useState<number | null>(null);
  const [opening, setOpening] = useState<string | null>(editor ? null : 'search');
  const editing = params.get('article') ?? (params.get('new') ? 'new' : null);
  const setEditing = (id: string | 'new' | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('article');
        next.delete('new');
        if (id === 'new') next.set('new', '1');
        else if (id) next.set('article', id);
        return next;
      },
      { replace: true },
    );
  const tab = shownTab(params.get('tab'), editor, opening);
  const setTab = (key: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('tab', key);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (!editor) return;
    let live = true;
    void knowledgeApi
      .list({ reviewable: 'true', limit: 1, offset: 0 })
      .then((r) => {
        if (!live) return;
        setToReview(r.total);
        setOpening((o) => o ?? openingTab(true, r.total));
      })
      .catch(() => live && setOpening((o) => o ?? 'search'));
    return () => {
      live = false;
    };
  }, [editor, listNonce]);

  const search = async (q: string) => {
    setError(null);
    if (!q.trim()) return;
    try {
      setHits(await knowledgeApi.search({ q, limit: 20 }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const show = async (id: string, searchId?: number) => setOpen(await knowledgeApi.get(id, searchId));

  const searchTab = (
    <div>
      <Input.Search
        placeholder={t('输入来电人的说法，如：老板欠薪三个月')}
        enterButton={t('搜索')}
        onSearch={(q) => void search(q)}
        data-testid="knowledge-search"
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {hits && (
        <List
          style={{ marginTop: 12 }}
          locale={{ emptyText: t('没有找到相关知识，已记入待补清单') }}
          dataSource={hits.items}
          renderItem={(h) => (
            <List.Item key={h.articleId} onClick={() => void show(h.articleId, hits.searchId)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={
                  <span>
                    <Tag>{t(kindNames[h.kind] ?? h.kind)}</Tag>
                    <Highlighted text={h.title} ranges={h.titleHighlights} />
                  </span>
                }
                description={<Highlighted text={h.snippet} ranges={h.highlights} />}
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  const tabs: { key: string; label: React.ReactNode; children: React.ReactNode }[] = [{ key: 'search', label: t('检索'), children: searchTab }];
  if (editor) {
    tabs.push({
      key: 'review',
      label: (
        <span data-testid="tab-review">
          {t('待我审核')} <Badge count={toReview ?? 0} size="small" showZero={false} />
        </span>
      ),
      children: (
        <>
          <Typography.Paragraph type="secondary">{t('其他编辑提交审核的版本：审核通过后由编辑发布，退回则回到草稿。')}</Typography.Paragraph>
          <ArticleTable key={`review-${listNonce}`} reviewable onOpen={setEditing} emptyText={t('暂无待您审核的版本')} />
        </>
      ),
    });
    tabs.push({
      key: 'articles',
      label: t('全部条目'),
      children: (
        <>
          <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
            {t('新建条目')}
          </Button>
          <ArticleTable key={listNonce} onOpen={setEditing} />
        </>
      ),
    });
    tabs.push({ key: 'gaps', label: t('待补清单'), children: <GapsView onOpen={setEditing} /> });
    tabs.push({ key: 'synonyms', label: t('同义词'), children: <SynonymsView /> });
  }

  return (
    <Card title={t('知识库')} size="small">
      {tab === null ? null : <Tabs activeKey={tab} onChange={setTab} items={tabs} />}
      {editor && editing && <ArticleEditor id={editing} onClose={() => setEditing(null)} onChanged={() => setListNonce((n) => n + 1)} />}
      <Modal open={!!open} onCancel={() => setOpen(null)} footer={null} width={760} title={open?.title}>
        {open && (
          <div>
            <div className="small muted" style={{ marginBottom: 8 }}>
              {joinList(t, open.citations, '；')}
            </div>
            <RichText body={open.body} />
            {open.files.length > 0 && (
              <div className="article-files" style={{ marginTop: 8 }}>
                <b>{t('{label}：', { label: t('附件') })}</b>
                {open.files.map((f) => (
                  <a key={f.id} href={knowledgeApi.fileUrl(open.id, f.id)} download={f.name} style={{ marginRight: 12 }}>
                    {f.name}
                  </a>
                ))}
              </div>
            )}
          </div>
        )}
      </Modal>
    </Card>
  );
}

/** Articles (all of them, or those waiting for this editor's review), newest change first; a row opens the editor. */
function ArticleTable({ onOpen, reviewable, emptyText }: { onOpen: (id: string) => void; reviewable?: boolean; emptyText?: string }) {
  const t = useT();
  const [rows, setRows] = useState<ArticleView[]>([]);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    void knowledgeApi
      .list({ limit: 200, offset: 0, ...(reviewable ? { reviewable: 'true' as const } : {}) })
      .then((r) => setRows(r.items))
      .finally(() => setLoading(false));
  }, [reviewable]);
  return (
    <Table<ArticleView>
      size="small"
      rowKey="id"
      dataSource={rows}
      loading={loading}
      pagination={{ pageSize: 20 }}
      locale={emptyText ? { emptyText } : undefined}
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('标题'), dataIndex: 'title' },
        { title: t('类型'), dataIndex: 'kind', render: (k: string) => t(kindNames[k] ?? k), width: 100 },
        { title: t('状态与版本'), dataIndex: 'status', render: (_s: string, r) => <VersionTags article={r} />, width: 200 },
        { title: t('使用次数'), dataIndex: 'uses', width: 90 },
      ]}
    />
  );
}

function GapsView({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const [gaps, setGaps] = useState<KnowledgeGaps | null>(null);
  useEffect(() => {
    void knowledgeApi.gaps().then(setGaps);
  }, []);
  if (!gaps) return null;
  const queries = (title: string, rows: KnowledgeGaps['noResults'], testId: string) => (
    <Card size="small" title={title} data-testid={testId}>
      <List
        size="small"
        dataSource={rows}
        locale={{ emptyText: t('暂无') }}
        renderItem={(r) => (
          <List.Item>
            {r.query}（{r.times}）
          </List.Item>
        )}
      />
    </Card>
  );
  return (
    <div className="knowledge-gaps" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
      <Card size="small" title={t('最常用')} data-testid="gaps-most-used">
        <List
          size="small"
          dataSource={gaps.mostUsed}
          locale={{ emptyText: t('暂无') }}
          renderItem={(r) => (
            <List.Item onClick={() => onOpen(r.articleId)}>
              {r.title}（{r.uses}）
            </List.Item>
          )}
        />
      </Card>
      {queries(t('搜索无结果'), gaps.noResults, 'gaps-no-results')}
      {queries(t('搜索后未点击'), gaps.notClicked, 'gaps-not-clicked')}
      <Card size="small" title={t('过期或待复核')}>
        <List
          size="small"
          dataSource={gaps.stale}
          locale={{ emptyText: t('暂无') }}
          renderItem={(r) => <List.Item onClick={() => onOpen(r.articleId)}>{r.title}</List.Item>}
        />
      </Card>
      <Card size="small" title={t('从未使用')} style={{ gridColumn: '1 / span 2' }}>
        <List
          size="small"
          dataSource={gaps.neverUsed.slice(0, 20)}
          locale={{ emptyText: t('暂无') }}
          renderItem={(r) => <List.Item onClick={() => onOpen(r.articleId)}>{r.title}</List.Item>}
        />
      </Card>
    </div>
  );
}
