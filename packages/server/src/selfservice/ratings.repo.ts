import { eq, inArray } from 'drizzle-orm';
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

export async function ratingOf(db: Executor, orderId: string) {
  const [rating] = await db.select().from(publicRatings).where(eq(publicRatings.orderId, orderId));
  return rating;
}

/** The worker's one rating of the order: false when it was rated before. */
export async function insertRating(tx: Executor, r: { orderId: string; satisfaction: string; comment: string | null; ratedAt: Date }): Promise<boolean> {
  const written = await tx.insert(publicRatings).values(r).onConflictDoNothing().returning({ orderId: publicRatings.orderId });
  return written.length > 0;
}
