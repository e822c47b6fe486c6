import type { Actor } from '../auth/actor.js';
import { notFound } from '../platform/errors/app-error.js';
import { plainText } from '../platform/text/rich-text.js';
import type { OrderDeps } from '../orders/order-deps.js';
import { findVisibleOrder } from '../orders/orders.repo.js';
import type { createOrdersService } from '../orders/orders.service.js';
import { answerWithArticleEffect } from '../orders/domain/effects.js';
import { runTransition } from '../orders/transition.js';
import type { SearchService } from '../search/search.service.js';
import { insertUse, usesOfOrder } from './knowledge.repo.js';
import type { KnowledgeService } from './knowledge.service.js';

/** How much of the article goes into the order's answer: enough to read back what the caller was told. */
const answerBodyChars = 1200;

/**
 * Answering with an article (one click in the intake console): the use is recorded on the order's timeline and in
 * the usage statistics; a consultation not yet dispatched is closed on the spot (当场办结) through the order's
 * transition path — the same locks, version check and state machine as every other change.
 */
export function createAnswerService(deps: {
  orderDeps: OrderDeps;
  orders: ReturnType<typeof createOrdersService>;
  knowledge: KnowledgeService;
  search: SearchService;
}) {
  const { orderDeps } = deps;

  async function answerWithArticle(
    actor: Actor,
    orderId: string,
    input: { articleId: string; version: number; searchId?: number | undefined; note?: string | undefined },
  ) {
    const order = await findVisibleOrder(orderDeps.db, actor, orderId);
    if (!order) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    const article = await deps.knowledge.publishedForAnswer(actor, input.articleId);
    const closes = order.typeCode === 'consult' && order.state === 'pending_dispatch';
    const cited = article.content.citations.length ? `（${article.content.citations.join('、')}）` : '';
    const answer = `依据知识库《${article.content.title}》${cited}答复：\n${plainText(article.content.body).slice(0, answerBodyChars)}`;
    await runTransition(orderDeps, actor, orderId, closes ? input.version : null, closes ? 'answer_with_article' : 'add_note', async (c) => {
      await insertUse(c.tx, {
        articleId: article.id,
        version: article.version,
        orderId,
        userId: actor.userId,
        at: c.now,
        closedOrder: closes ? 'closed' : 'recorded',
      });
      const cites = { id: article.id, version: article.version, title: article.content.title };
      return answerWithArticleEffect(c.snapshot, { article: cites, answer, closes, note: input.note ?? null }, c.effectCtx);
    });
    if (input.searchId !== undefined) await deps.search.markClicked(actor, input.searchId, input.articleId);
    return deps.orders.get(actor, orderId);
  }

  /** The articles used on an order, for its detail page. */
  async function articlesOfOrder(actor: Actor, orderId: string) {
    if (!(await findVisibleOrder(orderDeps.db, actor, orderId))) throw notFound('ORDER_NOT_FOUND', '工单不存在或无权查看');
    return (await usesOfOrder(orderDeps.db, orderId)).map((u) => ({ articleId: u.articleId, version: u.version, title: u.title, at: u.at.toISOString() }));
  }

  return { answerWithArticle, articlesOfOrder };
}
