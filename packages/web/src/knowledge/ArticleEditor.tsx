import { App, Button, DatePicker, Drawer, Form, Input, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { type ArticleContent, type ArticleVersion, type ArticleView, knowledgeApi } from '../api/knowledge.js';
import { applyServerErrors } from '../api/form-errors.js';
import { useT } from '../i18n/i18n.js';
import { formatTime } from '../shared/format.js';
import { useCatalog, useDivisions } from '../shared/reference.js';
import { kindNames, statusColors, statusNames } from './labels.js';

type Values = Omit<ArticleContent, 'effectiveFrom' | 'expiresOn' | 'reviewBy' | 'submit'> & {
  effectiveFrom?: Dayjs | null;
  expiresOn?: Dayjs | null;
  reviewBy?: Dayjs | null;
};

const toForm = (a: ArticleView): Values => ({
  kind: a.kind,
  title: a.title,
  body: a.body,
  subjects: a.subjects,
  regions: a.regions,
  tags: a.tags,
  source: a.source,
  citations: a.citations,
  issuingBody: a.issuingBody,
  attachments: a.attachments,
  effectiveFrom: a.effectiveFrom ? dayjs(a.effectiveFrom) : null,
  expiresOn: a.expiresOn ? dayjs(a.expiresOn) : null,
  reviewBy: a.reviewBy ? dayjs(a.reviewBy) : null,
});

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/**
 * An editor writes and maintains one article: its content, then draft → review by another editor → published, and
 * the version history with what changed in each. A published article stays what agents see until the next publish.
 */
export function ArticleEditor({ id, onClose, onChanged }: { id: string | 'new'; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { value: catalog } = useCatalog();
  const { value: divisions } = useDivisions();
  const [article, setArticle] = useState<ArticleView | null>(null);
  const [versions, setVersions] = useState<ArticleVersion[]>([]);
  const [busy, setBusy] = useState(false);
  const [reviewNote, setReviewNote] = useState('');

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

  const loaded = (a: ArticleView, done: string) => {
    setArticle(a);
    form.setFieldsValue(toForm(a));
    void knowledgeApi.versions(a.id).then(setVersions);
    message.success(t(done));
    onChanged();
  };

  const run = async (f: () => Promise<ArticleView>, done: string) => {
    setBusy(true);
    try {
      loaded(await f(), done);
    } catch (e) {
      const unplaced = applyServerErrors(form, e);
      message.error(unplaced.length ? unplaced.join('；') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const save = async (submit: boolean) => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const content: ArticleContent = {
      ...v,
      effectiveFrom: day(v.effectiveFrom),
      expiresOn: day(v.expiresOn),
      reviewBy: day(v.reviewBy),
      ...(submit ? { submit: true } : {}),
    };
    await run(
      () => (article ? knowledgeApi.update(article.id, { ...content, version: article.version }) : knowledgeApi.create(content)),
      submit ? '已保存并提交审核' : '已保存',
    );
  };

  const status = article?.status ?? 'draft';
  // The province, its cities and counties: an article applies to the regions chosen (none: the whole country).
  const regionOptions = divisions
    ? [
        { value: divisions.code, label: divisions.name },
        ...divisions.children.flatMap((city) => [
          { value: city.code, label: city.name },
          ...city.children.map((c) => ({ value: c.code, label: `${city.name} ${c.name}` })),
        ]),
      ]
    : [];

  const content = (
    <Form form={form} layout="vertical" disabled={busy} className="article-form">
      <Space.Compact block>
        <Form.Item name="kind" label={t('类型')} rules={[{ required: true }]} style={{ width: 160 }}>
          <Select options={Object.entries(kindNames).map(([value, label]) => ({ value, label: t(label) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('标题')} rules={[{ required: true, min: 2, max: 120, message: t('标题 2 到 120 字') }]} style={{ flex: 1 }}>
          <Input />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="body" label={t('正文')} rules={[{ required: true, min: 5, message: t('正文至少 5 个字') }]}>
        <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} maxLength={30000} showCount />
      </Form.Item>
      <Form.Item name="citations" label={t('引用条款')} extra={t('每条一项，如：《劳动合同法》第八十二条')}>
        <Select mode="tags" tokenSeparators={['；', ';']} open={false} />
      </Form.Item>
      <Form.Item name="subjects" label={t('诉求事项')}>
        <Select mode="multiple" options={(catalog?.subjects ?? []).map((s) => ({ value: s.code, label: s.nameZh }))} />
      </Form.Item>
      <Form.Item name="regions" label={t('适用地区')} extra={t('不选即全国适用')}>
        <Select mode="multiple" showSearch optionFilterProp="label" options={regionOptions} />
      </Form.Item>
      <Form.Item name="tags" label={t('标签')}>
        <Select mode="tags" open={false} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="issuingBody" label={t('发文机关')}>
          <Input style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="source" label={t('来源')}>
          <Input style={{ width: 300 }} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="effectiveFrom" label={t('生效日期')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('失效日期')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="reviewBy" label={t('复核日期')} extra={t('到期后对接线员隐藏，列入待补清单')}>
          <DatePicker />
        </Form.Item>
      </Space>
    </Form>
  );

  const history = (
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
                {t('审核')}：{v.reviewedBy}
                {v.reviewNote ? `（${v.reviewNote}）` : ''}
              </span>
            )}
          </Space>
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

  const canEdit = !article || status === 'draft' || status === 'published';
  const footer = (
    <Space wrap>
      {canEdit && (
        <>
          <Button onClick={() => void save(false)} loading={busy}>
            {t('保存草稿')}
          </Button>
          <Button type="primary" onClick={() => void save(true)} loading={busy}>
            {t('保存并提交审核')}
          </Button>
        </>
      )}
      {article && status === 'in_review' && (
        <>
          <Input placeholder={t('审核意见')} value={reviewNote} onChange={(e) => setReviewNote(e.target.value)} style={{ width: 220 }} />
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              void run(() => knowledgeApi.review(article.id, { version: article.version, decision: 'approve', note: reviewNote || undefined }), '已审核通过')
            }
          >
            {t('审核通过')}
          </Button>
          <Button
            danger
            loading={busy}
            onClick={() =>
              void run(() => knowledgeApi.review(article.id, { version: article.version, decision: 'reject', note: reviewNote || undefined }), '已退回修改')
            }
          >
            {t('退回修改')}
          </Button>
        </>
      )}
      {article && status === 'approved' && (
        <Popconfirm
          title={t('发布后接线员即可检索到此版本')}
          onConfirm={() => void run(() => knowledgeApi.publish(article.id, { version: article.version }), '已发布')}
        >
          <Button type="primary" loading={busy}>
            {t('发布')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={
        <Space>
          {article ? article.title : t('新建知识条目')}
          {article && <Tag color={statusColors[status]}>{t(statusNames[status] ?? status)}</Tag>}
          {article?.stale && <Tag color="red">{t('已过期或待复核')}</Tag>}
        </Space>
      }
      footer={footer}
      className="article-editor"
    >
      {article && status === 'in_review' && <Typography.Paragraph type="warning">{t('待另一位编辑审核：审核通过后方可发布')}</Typography.Paragraph>}
      <Tabs
        items={[{ key: 'content', label: t('内容'), children: content }, ...(article ? [{ key: 'versions', label: t('版本历史'), children: history }] : [])]}
      />
    </Drawer>
  );
}
