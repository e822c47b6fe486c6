import { App, Drawer, Form, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { type ArticleVersion, type ArticleView, knowledgeApi } from '../api/knowledge.js';
import { applyServerErrors, refusalToast } from '../api/form-errors.js';
import { useT } from '../i18n/i18n.js';
import { ArticleActions, type ArticleStep } from './ArticleActions.js';
import { ArticleFiles } from './ArticleFiles.js';
import { ArticleForm, type ArticleFormValues, contentOf, toForm } from './ArticleForm.js';
import { ArticleHistory } from './ArticleHistory.js';
import { VersionTags } from './VersionTags.js';

const stepDone: Record<ArticleStep, string> = { approve: '已审核通过', reject: '已退回修改', publish: '已发布' };

/**
 * An editor writes and maintains one article: its content (ArticleForm), its files (ArticleFiles), then draft →
 * review by another editor → published (ArticleActions), and the version history (ArticleHistory). A published
 * article stays what agents see until the next publish.
 */
export function ArticleEditor({ id, onClose, onChanged }: { id: string | 'new'; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ArticleFormValues>();
  const [article, setArticle] = useState<ArticleView | null>(null);
  const [versions, setVersions] = useState<ArticleVersion[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    form.resetFields();
    if (id === 'new') {
      setArticle(null);
      form.setFieldsValue({ kind: 'qa', subjects: [], regions: [], tags: [], citations: [], attachments: [] });
      return;
    }
    void knowledgeApi.get(id).then((a) => (setArticle(a), form.setFieldsValue(toForm(a))));
    void knowledgeApi.versions(id).then(setVersions);
  }, [id, form]);

  const run = async (f: () => Promise<ArticleView>, done: string) => {
    setBusy(true);
    try {
      const a = await f();
      setArticle(a);
      form.setFieldsValue(toForm(a));
      void knowledgeApi.versions(a.id).then(setVersions);
      message.success(t(done));
      onChanged();
    } catch (e) {
      const unplaced = applyServerErrors(form, e);
      message.error(refusalToast(e, unplaced, t));
    } finally {
      setBusy(false);
    }
  };

  const save = async (submit: boolean) => {
    let v: ArticleFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const content = contentOf(v, submit);
    await run(
      () => (article ? knowledgeApi.update(article.id, { ...content, version: article.version }) : knowledgeApi.create(content)),
      submit ? '已保存并提交审核' : '已保存',
    );
  };

  const step = (s: ArticleStep, note?: string) => {
    if (!article) return;
    const version = article.version;
    const call =
      s === 'publish'
        ? () => knowledgeApi.publish(article.id, { version })
        : () => knowledgeApi.review(article.id, { version, decision: s, ...(note ? { note } : {}) });
    void run(call, stepDone[s]);
  };

  const reloadFiles = () => void (article && knowledgeApi.get(article.id).then(setArticle));
  const status = article?.status ?? 'draft';
  const tabs = [{ key: 'content', label: t('内容'), children: <ArticleForm form={form} busy={busy} /> }];
  if (article) {
    tabs.push(
      {
        key: 'files',
        label: `${t('附件')} (${article.files.length})`,
        children: <ArticleFiles articleId={article.id} files={article.files} locked={status !== 'draft'} onChanged={reloadFiles} />,
      },
      { key: 'versions', label: t('版本历史'), children: <ArticleHistory articleId={article.id} versions={versions} /> },
    );
  }

  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={
        <Space>
          {article ? article.title : t('新建知识条目')}
          {article && <VersionTags article={article} />}
          {article?.stale && <Tag color="red">{t('已过期或待复核')}</Tag>}
        </Space>
      }
      footer={<ArticleActions article={article} busy={busy} onSave={(s) => void save(s)} onStep={step} />}
      className="article-editor"
    >
      {article && status === 'in_review' && <Typography.Paragraph type="warning">{t('待另一位编辑审核：审核通过后方可发布')}</Typography.Paragraph>}
      <Tabs items={tabs} />
    </Drawer>
  );
}
