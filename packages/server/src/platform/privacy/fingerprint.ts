import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { databaseOf, isTransaction, type Executor } from '../db/client.js';
import { privacyKeys } from './privacy.tables.js';

/**
 * The fingerprint the audit log keeps of a searched phone or ID number: the same number gives the same fingerprint,
 * so an auditor can tell that two searches (by two people, months apart) were for one number, without the log
 * holding the number.
 *
 * It is an HMAC-SHA256 under a key of this installation, not a plain hash: a masked number leaves 10,000 numbers
 * open (an ID number, ~36,500 birth dates), so whoever reads the log (the auditor, an export of it) recovered the
 * number from an unsalted SHA-256 by trying them all, in milliseconds. Without the key there is nothing to try against.
 *
 * The key is random, made once per installation at the first search and kept in the database (`privacy_keys`),
 * never in the audit log and never returned by any route. Why there and not from what else holds secrets:
 * - the configured key ring (`HOTLINE_SECRET_KEYS`, platform/secrets/secret-box.ts) is optional (an installation
 *   without exchange partners has none, and the embedded default must work with no configuration), the demo's ring is
 *   a constant in the source (every demo's fingerprints could be recomputed), and the ring rotates (a new key put
 *   first): a fingerprint derived from it would change at each rotation, and the auditor compares searches over time;
 * - the database already holds the numbers themselves (callers, calls), so whoever can read this table can read the
 *   numbers anyway: the key exposes nothing new there, while the log's readers, who see no orders, learn nothing.
 * One database, one key: stable across restarts, upgrades and a cluster's processes; a restored backup keeps it with
 * the log. Two installations have different keys, so their fingerprints of one number differ.
 */
export async function personalDataFingerprint(db: Executor, value: string, at: Date): Promise<string> {
  const key = await fingerprintKey(db, at);
  return createHmac('sha256', key).update(value).digest('hex').slice(0, 16);
}

const purpose = 'search_fingerprint';

/**
 * The key, read once per opened database (client.ts `databaseOf`: one object for the database and every transaction
 * on it), so a search inside a transaction does not read it again: it never changes once committed. Only a key known
 * to be committed is kept — one a transaction made may still roll back, and a process that kept it would fingerprint
 * under a key no longer stored while the next first use stores another.
 */
const known = new WeakMap<object, Buffer>();
/**
 * Keys this process made inside a transaction, per database, not yet seen committed: read again inside a transaction
 * one may be that transaction's own row, so it is not kept then; read outside any transaction it is committed.
 */
const madeInTransaction = new WeakMap<object, Set<string>>();

async function fingerprintKey(db: Executor, at: Date): Promise<Buffer> {
  const database = databaseOf(db);
  const cached = known.get(database);
  if (cached) return cached;
  const stored = await readKey(db);
  if (stored) return keep(db, stored);
  const [made] = await db
    .insert(privacyKeys)
    .values({ purpose, key: randomBytes(32).toString('base64'), createdAt: at })
    .onConflictDoNothing()
    .returning({ key: privacyKeys.key });
  if (made) {
    if (!isTransaction(db)) return keep(db, made.key);
    const pending = madeInTransaction.get(database) ?? new Set<string>();
    madeInTransaction.set(database, pending.add(made.key));
    return Buffer.from(made.key, 'base64');
  }
  // Another process (or transaction) made it at the same moment: its row is committed now, and a new statement sees
  // it. Its key is the one to use: one key per database, whoever made it.
  const theirs = await readKey(db);
  if (!theirs) throw new Error('privacy_keys: the search fingerprint key was neither found nor made');
  return keep(db, theirs);
}

/** Keeps a key read (or made) on `db` for the database, unless it may be a still open transaction's own row. */
function keep(db: Executor, key: string): Buffer {
  const database = databaseOf(db);
  const pending = madeInTransaction.get(database);
  const value = Buffer.from(key, 'base64');
  if (pending?.has(key)) {
    if (isTransaction(db)) return value;
    pending.delete(key);
  }
  known.set(database, value);
  return value;
}

async function readKey(db: Executor): Promise<string | null> {
  const [r] = await db.select({ key: privacyKeys.key }).from(privacyKeys).where(eq(privacyKeys.purpose, purpose));
  return r?.key ?? null;
}
