import { and, eq, gt, lte } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { rowCountOf, type Db, type Tx } from '../db/client.js';
import { conflict, unprocessable } from '../errors/app-error.js';
import type { JobRunner } from '../jobs/runner.js';
import { idempotencyKeys } from './idempotency.tables.js';
import { idempotencyWindowMs, requestFingerprint } from './key.js';

/** Thrown inside the first change's transaction when the key was used before: rolls that change back. */
class KeySeen extends Error {}

/** Called by the change inside its own transaction, once it knows the id of what it made. */
export type ClaimKey = (tx: Tx, resourceId: string) => Promise<void>;

export type IdempotentRequest = {
  accountId: string;
  /** The operation, e.g. `createOrder`. */
  scope: string;
  /** The parsed header (parseIdempotencyKey); undefined runs the change as is. */
  key: string | undefined;
  body: unknown;
};

/**
 * At-most-once POSTs by `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header). The key is stored by the change
 * itself, in its transaction (one INSERT): two requests with one key race on the primary key, the second waits for
 * the first to commit (PostgreSQL) or runs after it (PGlite), finds the key taken and is rolled back; it then answers
 * with what the first one made. A key past its window is taken over by the same INSERT, so it counts as new.
 */
export function createIdempotency(deps: { db: Db; clock: Clock; windowMs?: number }) {
  const { db, clock } = deps;
  const windowMs = deps.windowMs ?? idempotencyWindowMs;

  async function run<T>(
    req: IdempotentRequest,
    change: (claim: ClaimKey | undefined) => Promise<T>,
    replay: (resourceId: string) => Promise<T>,
  ): Promise<{ value: T; replayed: boolean }> {
    if (req.key === undefined) return { value: await change(undefined), replayed: false };
    const key = req.key;
    const requestHash = requestFingerprint(req.body);
    const claim: ClaimKey = async (tx, resourceId) => {
      const now = clock.now();
      const row = { accountId: req.accountId, scope: req.scope, key, requestHash, resourceId, createdAt: now, expiresAt: new Date(now.getTime() + windowMs) };
      const taken = await tx
        .insert(idempotencyKeys)
        .values(row)
        .onConflictDoUpdate({
          target: [idempotencyKeys.accountId, idempotencyKeys.scope, idempotencyKeys.key],
          set: { requestHash, resourceId, createdAt: now, expiresAt: row.expiresAt },
          // Only an expired key is taken over; a live one makes the INSERT return nothing.
          setWhere: lte(idempotencyKeys.expiresAt, now),
        })
        .returning({ key: idempotencyKeys.key });
      if (!taken.length) throw new KeySeen();
    };
    try {
      return { value: await change(claim), replayed: false };
    } catch (e) {
      if (!(e instanceof KeySeen)) throw e;
    }
    const [first] = await db
      .select()
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.accountId, req.accountId),
          eq(idempotencyKeys.scope, req.scope),
          eq(idempotencyKeys.key, key),
          gt(idempotencyKeys.expiresAt, clock.now()),
        ),
      );
    // Gone between the INSERT and this read (expired meanwhile): the client may simply send it again.
    if (!first) throw conflict('IDEMPOTENCY_KEY_RETRY', '该 Idempotency-Key 的首次请求状态已变化，请重试');
    if (first.requestHash !== requestHash) {
      throw unprocessable('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于另一份不同的请求；请为新的请求使用新的 Idempotency-Key', {
        fields: [{ field: 'headers.idempotency-key', message: '已用于内容不同的请求' }],
      });
    }
    return { value: await replay(first.resourceId), replayed: true };
  }

  return { run };
}

export type Idempotency = ReturnType<typeof createIdempotency>;

/** Expired keys are deleted hourly by the job runner; until then they are only ever taken over. */
export async function purgeExpiredKeys(tx: Db | Tx, now: Date): Promise<number> {
  return rowCountOf(await tx.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)));
}

export function registerIdempotencyPurge(jobs: JobRunner) {
  jobs.register('idempotency.purge', async (_job, ctx) => {
    await ctx.complete(async (tx) => {
      await purgeExpiredKeys(tx, ctx.now);
    });
  });
  jobs.every('idempotency.purge', 3_600_000);
}

export const replayedHeader = 'Idempotent-Replayed';
