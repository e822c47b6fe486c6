import { Button, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { ArticleView } from '../api/knowledge.js';
import { useT } from '../i18n/i18n.js';

export type ArticleStep = 'approve' | 'reject' | 'publish';

/** What an editor may do with the article now: save or submit, review (another editor), publish an approved version. */
export function ArticleActions(props: {
  article: ArticleView | null;
  busy: boolean;
  onSave: (submit: boolean) => void;
  onStep: (step: ArticleStep, note?: string) => void;
}) {
  const { article, busy, onSave, onStep } = props;
  const t = useT();
  const [reviewNote, setReviewNote] = useState('');
  const status = article?.status ?? 'draft';
  const canEdit = !article || status === 'draft' || status === 'published';
  return (
    <Space wrap>
      {canEdit && (
        <>
          <Button onClick={() => onSave(false)} loading={busy}>
            {t('保存草稿')}
          </Button>
          <Button type="primary" onClick={() => onSave(true)} loading={busy}>
            {t('保存并提交审核')}
          </Button>
        </>
      )}
      {article && status === 'in_review' && (
        <>
          <Input placeholder={t('审核意见')} value={reviewNote} onChange={(e) => setReviewNote(e.target.value)} style={{ width: 220 }} />
          <Button type="primary" loading={busy} onClick={() => onStep('approve', reviewNote || undefined)}>
            {t('审核通过')}
          </Button>
          <Button danger loading={busy} onClick={() => onStep('reject', reviewNote || undefined)}>
            {t('退回修改')}
          </Button>
        </>
      )}
      {article && status === 'approved' && (
        <Popconfirm title={t('发布后接线员即可检索到此版本')} onConfirm={() => onStep('publish')}>
          <Button type="primary" loading={busy}>
            {t('发布')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
