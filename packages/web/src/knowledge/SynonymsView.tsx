import { App, Button, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { knowledgeApi, type SynonymGroup } from '../api/knowledge.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { ErrorState } from '../shell/states.js';
import { useLoad } from '../shell/use-load.js';

/** Callers' words that mean the same (欠薪 / 拖欠工资 / 讨薪): each group widens every search at once, for articles and orders. */
export function SynonymsView() {
  const t = useT();
  const { message } = App.useApp();
  const groups = useLoad(() => knowledgeApi.synonyms(), []);
  const [editing, setEditing] = useState<{ id: string | null; words: string[] } | null>(null);

  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      message.success(t(done));
      setEditing(null);
      groups.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const save = () => {
    if (!editing) return;
    const body = { words: editing.words };
    return run(() => (editing.id ? knowledgeApi.updateSynonyms(editing.id, body) : knowledgeApi.createSynonyms(body)), '已保存');
  };
  const wordsInput = (
    <Select
      mode="tags"
      open={false}
      style={{ minWidth: 360 }}
      placeholder={t('输入一个词后回车，至少两个词')}
      value={editing?.words ?? []}
      onChange={(words) => setEditing((e) => (e ? { ...e, words } : e))}
      className="synonym-words"
    />
  );

  if (groups.error) return <ErrorState error={groups.error} onRetry={groups.reload} />;
  return (
    <div className="synonyms">
      <Space style={{ marginBottom: 12 }}>
        {editing && !editing.id ? (
          <>
            {wordsInput}
            <Button type="primary" onClick={() => void save()}>
              {t('保存')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('取消')}</Button>
          </>
        ) : (
          <Button onClick={() => setEditing({ id: null, words: [] })}>{t('新增同义词组')}</Button>
        )}
      </Space>
      <Table<SynonymGroup>
        size="small"
        rowKey="id"
        loading={groups.loading}
        // Newest first: the group just added or changed is where the editor looks.
        dataSource={[...(groups.data ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('同义词'),
            key: 'words',
            render: (_: unknown, g) => (editing?.id === g.id ? wordsInput : g.words.join(' / ')),
          },
          { title: t('更新时间'), key: 'updatedAt', width: 160, render: (_: unknown, g) => formatTime(g.updatedAt) },
          {
            title: t('操作'),
            key: 'actions',
            width: 160,
            render: (_: unknown, g) =>
              editing?.id === g.id ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => void save()}>
                    {t('保存')}
                  </Button>
                  <Button size="small" onClick={() => setEditing(null)}>
                    {t('取消')}
                  </Button>
                </Space>
              ) : (
                <Space>
                  <Button size="small" onClick={() => setEditing({ id: g.id, words: g.words })}>
                    {t('编辑')}
                  </Button>
                  <Popconfirm title={t('删除这组同义词？')} onConfirm={() => void run(() => knowledgeApi.deleteSynonyms(g.id), '已删除')}>
                    <Button size="small" danger>
                      {t('删除')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </div>
  );
}
