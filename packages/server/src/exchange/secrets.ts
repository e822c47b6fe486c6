import { and, eq } from 'drizzle-orm';
import type { Db } from '../platform/db/client.js';
import type { SecretBox } from '../platform/secrets/secret-box.js';
import { exchangePartners } from './exchange.tables.js';

/**
 * The rotation path of partners' secrets (docs/security.md): at start-up every secret not encrypted under the first
 * key of HOTLINE_SECRET_KEYS (a plaintext from before encryption, or under an older key still listed) is encrypted
 * again under it. Conditional on the value read, so instances starting together do not undo each other. Once no row
 * names an older key, that key can leave the list. Returns how many were re-encrypted.
 */
export async function rekeyPartnerSecrets(db: Db, secrets: SecretBox): Promise<number> {
  if (!secrets.configured) return 0;
  const rows = await db.select({ id: exchangePartners.id, secret: exchangePartners.signingSecret }).from(exchangePartners);
  let n = 0;
  for (const r of rows.filter((x) => secrets.stale(x.secret))) {
    let sealed: string;
    try {
      sealed = secrets.seal(secrets.open(r.secret));
    } catch {
      // Under a key this instance was not given: left as it is (that partner's requests are refused here until it is).
      continue;
    }
    const done = await db
      .update(exchangePartners)
      .set({ signingSecret: sealed })
      .where(and(eq(exchangePartners.id, r.id), eq(exchangePartners.signingSecret, r.secret)))
      .returning({ id: exchangePartners.id });
    n += done.length;
  }
  return n;
}
