import { isDeadlock } from '../units/units.repo.js';

/** Attempts of a transaction PostgreSQL chose as the victim of a deadlock: the second one almost always goes through. */
const deadlockAttempts = 4;

/**
 * Before running the victim again, a pause of a few milliseconds, longer with each attempt and jittered. Run again at
 * once, the victim races the survivor for the rows the survivor was waiting on: when the victim's new attempt takes
 * the first of them before the woken survivor does, the same two cross again (seen in CI under load: the victim
 * aborted twice). The survivor only has to finish its transaction, milliseconds.
 */
export const victimPause = (attempt: number) => new Promise<void>((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 15)));

/**
 * Runs a whole transaction again when PostgreSQL aborted it as a deadlock's victim (40P01; `isDeadlock` also takes a
 * serialization failure, 40001, equally safe to retry). The order counters (order-counts.tables.ts) are rows locked
 * until commit and shared by the transactions of one shard: one statement takes its rows sorted, but a transaction
 * that changes orders in several statements (merge, unmerge, link) takes them statement by statement, so two of them,
 * or one of them and a single change or intake, can cross even on different orders
 * (test/orders/order-counts-deadlock.test.ts). No order of taking them in the triggers can prevent that (the rows a
 * later statement needs are not known when the first runs), so whoever owns the transaction retries it: the
 * transition seam (transition.ts), intake (intake.service.ts; test/orders/intake-deadlock.test.ts) and each batch of
 * an official calendar year's recompute of provisional deadlines (provisional-deadlines.ts; its orders are taken
 * SKIP LOCKED, but the counters they move are not). Safe only for a body with no effect outside its
 * transaction (announcements after the commit, notices through the outbox in it), and only for the outermost
 * transaction: rolled back to a savepoint, the outer one would keep the locks it took before and meet the same cycle.
 */
export async function retryDeadlockVictim<T>(run: () => Promise<T>, pause: (attempt: number) => Promise<void> = victimPause): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= deadlockAttempts || !isDeadlock(err)) throw err;
    }
    await pause(attempt);
  }
}
