import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { ordersToIndex } from '../orders/orders-for-search.js';
import type { Db, Executor } from '../platform/db/client.js';
import { reusableSql } from '../platform/db/reusable.js';
import { indexText } from '../platform/text/segment.js';
import { allOf, planQuery } from './domain/query.js';
import type { SynonymGroups } from './synonyms.js';

/**
 * The order side of search: each order's words (title, narrative, employer, place) cut by jieba and stored in
 * `search_orders`. Intake writes the row in the order's own transaction; `indexMissingOrders` catches up orders
 * written by other paths (the demo and the bulk seed write rows directly) and runs at every start.
 */
type Indexable = { id: string; title: string; narrative: string; employerName: string | null; placeText: string | null };

export const orderText = (o: Indexable) => indexText([o.title, o.narrative, o.employerName ?? '', o.placeText ?? ''].join('\n'));

/**
 * The order's words written (or rewritten) as one statement, for another statement to carry: intake writes them as a
 * CTE of its one INSERT (orders/new-order.repo.ts). Search owns the table; it spells the write.
 */
export const upsertOrderWords = (orderId: SQLWrapper, words: SQLWrapper): SQL =>
  sql`insert into search_orders (order_id, words) values (${orderId}, to_tsvector('simple', ${words}))
    on conflict (order_id) do update set words = excluded.words`;

/**
 * Several orders' words from one json parameter (`[{id, words}]`), for intake's statement of a batch of orders
 * (orders/new-order.repo.ts); the same write as `upsertOrderWords`.
 */
export const upsertOrderWordsFrom = (json: SQLWrapper): SQL =>
  sql`insert into search_orders (order_id, words)
    select (w->>'id')::uuid, to_tsvector('simple', w->>'words') from json_array_elements(${json}::json) w
    on conflict (order_id) do update set words = excluded.words`;

// Runs at every intake: built once (platform/db/reusable.ts).
const upsertWords = reusableSql('search_order_words', upsertOrderWords(sql.placeholder('id'), sql.placeholder('text')));

export async function indexOrder(tx: Executor, o: Indexable): Promise<void> {
  await upsertWords(tx, { id: o.id, text: orderText(o) });
}

/** Indexes every order without a row, in batches; returns how many it indexed. */
export async function indexMissingOrders(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await ordersToIndex(db, (id) => sql`not exists (select 1 from search_orders s where s.order_id = ${id})`, batch);
    if (!rows.length) return total;
    const ids = rows.map((r) => r.id);
    const texts = rows.map(orderText);
    // One statement per batch: unnest the two arrays side by side.
    await db.execute(sql`insert into search_orders (order_id, words)
      select id, to_tsvector('simple', words) from unnest(${sql.raw('ARRAY[')}${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}${sql.raw(']')},
        ${sql.raw('ARRAY[')}${sql.join(
          texts.map((t) => sql`${t}::text`),
          sql`, `,
        )}${sql.raw(']')}) as t(id, words)
      on conflict (order_id) do nothing`);
    total += rows.length;
  }
}

/**
 * The orders whose words hold every word of the text, each word or one of its synonyms (工资拖欠 finds 拖欠工资), as a
 * subquery of order ids for `work_orders.id in (…)`: one GIN lookup, whichever list reads it. Null when the text has
 * no word to search for.
 */
export function orderIdsMatchingText(groups: SynonymGroups, text: string): SQL | null {
  const q = planQuery(text, groups);
  if (!q.baseWords.length) return null;
  const tsq = allOf(q, groups);
  return sql`select s.order_id from search_orders s where s.words @@ to_tsquery('simple', ${tsq})`;
}
