import { DatePicker, Form, type FormInstance, Input, Select, Space, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ArticleContent, ArticleView } from '../api/knowledge.js';
import { useT } from '../i18n/i18n.js';
import { useCatalog, useDivisions } from '../shared/reference.js';
import { counted } from '../shared/counted.js';
import { rules } from '../shared/validation.js';
import { kindNames } from './labels.js';
import { RichText } from './RichText.js';

export type ArticleFormValues = Omit<ArticleContent, 'effectiveFrom' | 'expiresOn' | 'reviewBy' | 'submit'> & {
  effectiveFrom?: Dayjs | null;
  expiresOn?: Dayjs | null;
  reviewBy?: Dayjs | null;
};

export const toForm = (a: ArticleView): ArticleFormValues => ({
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

export const contentOf = (v: ArticleFormValues, submit: boolean): ArticleContent => ({
  ...v,
  effectiveFrom: day(v.effectiveFrom),
  expiresOn: day(v.expiresOn),
  reviewBy: day(v.reviewBy),
  ...(submit ? { submit: true } : {}),
});

/** The body as the editor writes it (the Markdown subset) and as agents will read it. */
function BodyField({ form }: { form: FormInstance<ArticleFormValues> }) {
  const t = useT();
  const body = Form.useWatch('body', form);
  return (
    <Tabs
      size="small"
      items={[
        {
          key: 'write',
          label: t('编辑'),
          forceRender: true,
          children: (
            <Form.Item
              name="body"
              rules={[{ required: true, min: 5, message: t('正文至少 5 个字') }, rules.max(t, '正文', 30000)]}
              extra={t('支持：# 标题、- 列表、1. 列表、> 引用、**加粗**、[链接](https://…)')}
            >
              <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} count={counted(30000, true)} data-testid="article-body" />
            </Form.Item>
          ),
        },
        { key: 'preview', label: t('预览'), children: <RichText body={body ?? ''} /> },
      ]}
    />
  );
}

/** An article's content: kind and title, the rich-text body, citations, subjects, regions, tags, source and dates. */
export function ArticleForm({ form, busy }: { form: FormInstance<ArticleFormValues>; busy: boolean }) {
  const t = useT();
  const { value: catalog } = useCatalog();
  const { value: divisions } = useDivisions();
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
  return (
    <Form form={form} layout="vertical" disabled={busy} className="article-form">
      <Space.Compact block>
        <Form.Item name="kind" label={t('类型')} rules={[{ required: true }]} style={{ width: 160 }}>
          <Select options={Object.entries(kindNames).map(([value, label]) => ({ value, label: t(label) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('标题')} rules={[{ required: true, min: 2, max: 120, message: t('标题 2 到 120 字') }]} style={{ flex: 1 }}>
          <Input />
        </Form.Item>
      </Space.Compact>
      <Form.Item label={t('正文')} required>
        <BodyField form={form} />
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
}
