import { Alert, Button, Card, Empty, Typography } from 'antd';
import type { ArticleHit } from '../api/knowledge.js';
import { useT } from '../i18n/i18n.js';
import { Highlighted } from './Highlighted.js';

/**
 * Beside the narrative in the intake console: the best articles for what the caller said. For a consultation, one
 * click answers with the article and closes the call on the spot (the order is created, then answered).
 */
export function KnowledgeSuggestions({
  items,
  status,
  canAnswer,
  busy,
  onAnswer,
}: {
  items: ArticleHit[];
  /** useArticleSuggestions: nothing asked yet, an answer, or a failed request (said as such, not as "type something"). */
  status: 'idle' | 'ready' | 'failed';
  canAnswer: boolean;
  busy: boolean;
  onAnswer: (hit: ArticleHit) => void;
}) {
  const t = useT();
  return (
    <Card size="small" title={t('知识库推荐')} className="knowledge-suggestions" data-testid="knowledge-suggestions">
      {status === 'failed' ? (
        <Alert type="warning" showIcon title={t('未能获取知识推荐，继续录入会重试，也可到知识库检索')} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={status === 'ready' ? t('没有找到相关知识') : t('录入诉求内容后显示相关知识')} />
      ) : (
        items.map((h) => (
          <div key={h.articleId} className="knowledge-hit" data-article={h.articleId}>
            <Typography.Text strong>
              <Highlighted text={h.title} ranges={h.titleHighlights} />
            </Typography.Text>
            <div className="small muted">
              <Highlighted text={h.snippet} ranges={h.highlights} />
            </div>
            {canAnswer && (
              <Button size="small" type="link" disabled={busy} onClick={() => onAnswer(h)} data-action="answer-with-article">
                {t('用此答复并当场办结')}
              </Button>
            )}
          </div>
        ))
      )}
    </Card>
  );
}
