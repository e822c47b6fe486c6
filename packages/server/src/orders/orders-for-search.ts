import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../platform/db/client.js';

export type IndexableOrder = { id: string; title: string; narrative: string; employerName: string | null; placeText: string | null; visibleTo: string[] };

/**
 * Up to `limit` orders with the words search indexes, among those for which `unindexed(id)` holds: search passes its
 * own anti-join (search/order-index.ts), so a catch-up stays one statement per batch and neither module names the
 * other's table.
 */
export async function ordersToIndex(db: Executor, unindexed: (orderId: SQL) => SQL, limit: number): Promise<IndexableOrder[]> {
  const res =
    await db.execute(sql`select wo.id, wo.title, wo.narrative, wo.employer_name, wo.place_text, array_to_string(wo.visible_to, ',') as visible_to from work_orders wo
      where ${unindexed(sql.raw('wo.id'))} limit ${limit}`);
  return rowsOf<{ id: string; title: string; narrative: string; employer_name: string | null; place_text: string | null; visible_to: string }>(res).map(
    (r) => ({
      id: r.id,
      title: r.title,
      narrative: r.narrative,
      employerName: r.employer_name,
      placeText: r.place_text,
      visibleTo: r.visible_to ? r.visible_to.split(',') : [],
    }),
  );
}
