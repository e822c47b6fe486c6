import { inArray } from 'drizzle-orm';
import type { Executor } from '../platform/db/client.js';
import { publicRatings } from './selfservice.tables.js';

/** The workers' own ratings of these orders (the self-rating channel), for the figures: read only through here. */
export async function selfRatingsOf(db: Executor, orderIds: string[]) {
  if (!orderIds.length) return new Map<string, { satisfaction: string; ratedAt: Date }>();
  const rows = await db
    .select({ orderId: publicRatings.orderId, satisfaction: publicRatings.satisfaction, ratedAt: publicRatings.ratedAt })
    .from(publicRatings)
    .where(inArray(publicRatings.orderId, orderIds));
  return new Map(rows.map((r) => [r.orderId, { satisfaction: r.satisfaction, ratedAt: r.ratedAt }]));
}
