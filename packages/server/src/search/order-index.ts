import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { ordersToIndex } from '../orders/orders-for-search.js';
import { textArrayLiteral } from '../platform/db/array-literal.js';
import type { Db } from '../platform/db/client.js';
import { indexText } from '../platform/text/segment.js';
import { allOf, planQuery } from './domain/query.js';
import type { SynonymGroups } from './synonyms.js';

/**
 * The order side of search: each order's words (title, narrative, employer, place) cut by jieba and stored in
 * `search_orders`. Intake writes the row in the order's own transaction; `indexMissingOrders` catches up orders
 * written by other paths (the demo and the bulk seed write rows directly; search/index-catch-up.ts after an upgrade).
 */
type Indexable = { id: string; title: string; narrative: string; employerName: string | null; placeText: string | null };

export const orderText = (o: Indexable) => indexText([o.title, o.narrative, o.employerName ?? '', o.placeText ?? ''].join('\n'));

/**
 * Several orders' words from one json parameter (`[{id, words, visibleTo}]`, visibleTo an array literal), for intake's
 * statement of a batch of orders (orders/new-order.repo.ts): search owns the table, it spells the write. The order's
 * visible_to goes with its words (the GIN over both, search.tables.ts); a trigger keeps it when the order moves.
 */
export const upsertOrderWordsFrom = (json: SQLWrapper): SQL =>
  sql`insert into search_orders (order_id, words, visible_to)
    select (w->>'id')::uuid, to_tsvector('simple', w->>'words'), (w->>'visibleTo')::uuid[] from json_array_elements(${json}::json) w
    on conflict (order_id) do update set words = excluded.words, visible_to = excluded.visible_to`;

/** Indexes every order without a row, in batches; returns how many it indexed. */
export async function indexMissingOrders(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await ordersToIndex(db, (id) => sql`not exists (select 1 from search_orders s where s.order_id = ${id})`, batch);
    if (!rows.length) return total;
    const ids = rows.map((r) => r.id);
    const texts = rows.map(orderText);
    const visibleTo = rows.map((r) => textArrayLiteral(r.visibleTo));
    const array = (values: string[], type: string) =>
      sql`${sql.raw('ARRAY[')}${sql.join(
        values.map((v) => sql`${v}::${sql.raw(type)}`),
        sql`, `,
      )}${sql.raw(']')}`;
    // One statement per batch: unnest the arrays side by side (visible_to as its literal: arrays do not nest).
    await db.execute(sql`insert into search_orders (order_id, words, visible_to)
      select id, to_tsvector('simple', words), visible_to::uuid[] from unnest(${array(ids, 'uuid')}, ${array(texts, 'text')}, ${array(visibleTo, 'text')}) as t(id, words, visible_to)
      on conflict (order_id) do nothing`);
    total += rows.length;
  }
}

/**
 * The orders whose words hold every word of the text, each word or one of its synonyms (工资拖欠 finds 拖欠工资), as a
 * subquery of order ids for `work_orders.id in (…)`: one GIN lookup, whichever list reads it; `seenBy` the same for
 * the orders a unit sees, intersected inside the GIN with their copy of visible_to; `holds` the test of one order's
 * words by key. Null when the text has no word to search for. The text is read (segmented, synonyms planned) once
 * for all three.
 */
export function orderIdsMatchingText(
  groups: SynonymGroups,
  text: string,
): { all: SQL; seenBy: (unitId: string) => SQL; holds: (orderId: SQLWrapper) => SQL } | null {
  const q = planQuery(text, groups);
  if (!q.baseWords.length) return null;
  const tsq = allOf(q, groups);
  const matching = sql`select s.order_id from search_orders s where s.words @@ to_tsquery('simple', ${tsq})`;
  return {
    all: matching,
    seenBy: (unitId) => sql`${matching} and s.visible_to @> array[${unitId}]::uuid[]`,
    // One order's words by key, for a walk that tests orders one at a time (orders/domain/word-walk.ts).
    holds: (orderId) => sql`exists (select 1 from search_orders s where s.order_id = ${orderId} and s.words @@ to_tsquery('simple', ${tsq}))`,
  };
}
