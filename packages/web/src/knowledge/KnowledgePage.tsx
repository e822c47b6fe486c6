import { Button, Card, Input, List, Modal, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCurrent } from '../auth/session.js';
import { knowledgeApi, type ArticleHit, type ArticleView, type KnowledgeGaps } from '../api/knowledge.js';
import { errorMessage } from '../api/client.js';
import { useT } from '../i18n/i18n.js';
import { ArticleEditor } from './ArticleEditor.js';
import { Highlighted } from './Highlighted.js';
import { RichText } from './RichText.js';
import { kindNames, statusColors, statusNames } from './labels.js';
import { SynonymsView } from './SynonymsView.js';

/** The knowledge base: search for everyone; for editors also every article's status and the to-write list. */
export default function KnowledgePage() {
  const t = useT();
  const { role } = useCurrent();
  const editor = role === 'editor';
  const [hits, setHits] = useState<{ searchId: number; items: ArticleHit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ArticleView | null>(null);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [listNonce, setListNonce] = useState(0);

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

  const tabs = [{ key: 'search', label: t('检索'), children: searchTab }];
  if (editor) {
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
      <Tabs items={tabs} />
      {editing && <ArticleEditor id={editing} onClose={() => setEditing(null)} onChanged={() => setListNonce((n) => n + 1)} />}
      <Modal open={!!open} onCancel={() => setOpen(null)} footer={null} width={760} title={open?.title}>
        {open && (
          <div>
            <div className="small muted" style={{ marginBottom: 8 }}>
              {open.citations.join('；')}
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

function ArticleTable({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const [rows, setRows] = useState<ArticleView[]>([]);
  useEffect(() => {
    void knowledgeApi.list({ limit: 200, offset: 0 }).then((r) => setRows(r.items));
  }, []);
  return (
    <Table<ArticleView>
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 20 }}
      onRow={(r) => ({ onClick: () => onOpen(r.id) })}
      columns={[
        { title: t('标题'), dataIndex: 'title' },
        { title: t('类型'), dataIndex: 'kind', render: (k: string) => t(kindNames[k] ?? k), width: 100 },
        {
          title: t('状态'),
          dataIndex: 'status',
          render: (s: string, r) => <Tag color={r.stale ? 'red' : statusColors[s]}>{t(statusNames[s] ?? s)}</Tag>,
          width: 120,
        },
        { title: t('版本'), dataIndex: 'version', width: 70 },
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
