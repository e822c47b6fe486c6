import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.js';
import { recordAudit } from '../audit/audit.repo.js';
import { scopeUnitIdOf } from '../access/scope.js';
import type { Executor } from '../platform/db/client.js';
import { callerRowsOfNumber, callerSearch } from './orders.repo.js';
import { invalid } from '../platform/errors/app-error.js';
import { personalDataFingerprint } from '../platform/privacy/fingerprint.js';
import { maskIdNumber, maskPhone } from '../platform/privacy/mask.js';
import { seesWholeNumbers } from './order-view.js';
import { wholePhoneNumber } from '../platform/validation/phone-number.js';

/**
 * How a search by phone number matches the caller rows (aliased `oc`) of an order (aliased `sw`: orders.repo.ts
 * callerSearch reads them together). A role that sees numbers only masked could
 * recover a whole number by trying its prefixes one digit at a time, so it may search only by a whole number. The
 * intake agent, who sees whole numbers of the orders their unit took in, may search by part of a number, and then
 * only among those orders.
 */
export function phoneSearchMatch(actor: Pick<Actor, 'role' | 'unitId'>, phone: string): SQL {
  const whole = wholePhoneNumber.test(phone);
  if (seesWholeNumbers(actor.role)) {
    const part = sql`(oc.phone like ${`%${phone}%`} and sw.intake_unit_id = ${actor.unitId})`;
    return whole ? sql`(oc.phone = ${phone} or ${part})` : part;
  }
  if (whole) return sql`oc.phone = ${phone}`;
  throw invalid('ORDER_PHONE_SEARCH_WHOLE_NUMBER', '按来电号码查询须输入完整号码（您的角色看到的号码是脱敏的）', [
    { field: 'querystring.callerPhone', message: '请输入完整的电话号码' },
  ]);
}

/** A number with more caller rows than this is searched order by order (orders.repo.ts callerSearch). */
const manyCallerRows = 2000;

/**
 * The condition for orders with a caller of this number the actor may see. A whole number's orders are counted first
 * (its index, at most a few thousand entries): a number with few orders is read as a set, one with many is tested
 * on the orders the list walks (a page among its newest). A part of a number (the intake agent's) is read as a set.
 */
export async function callerSearchFor(db: Executor, actor: Pick<Actor, 'role' | 'unitId'>, phone: string): Promise<SQL> {
  const match = phoneSearchMatch(actor, phone);
  const many = wholePhoneNumber.test(phone) && (await callerRowsOfNumber(db, phone, manyCallerRows + 1)) > manyCallerRows;
  return callerSearch(actor, match, many);
}

/**
 * Every search by a phone or ID number is written to the audit log: who searched, for what (masked, with a
 * fingerprint of the whole value: a keyed HMAC, so the log's reader can match searches for one number with each
 * other but cannot recover it by trying the numbers the mask leaves open: platform/privacy/fingerprint.ts), and how
 * many records it found. The orders' searches and the call list's (calls/calls.service.ts `list`, by a caller's
 * number) write it alike: `operation` names which.
 */
export async function recordPersonalDataSearch(
  db: Executor,
  actor: Actor,
  at: Date,
  s: { operation: string; phone?: string | undefined; idNumber?: string | undefined; results: number },
): Promise<void> {
  const phoneFingerprint = s.phone ? await personalDataFingerprint(db, s.phone, at) : null;
  const idNumberFingerprint = s.idNumber ? await personalDataFingerprint(db, s.idNumber, at) : null;
  await recordAudit(db, {
    at,
    actor,
    action: 'search_personal_data',
    targetType: 'operation',
    targetId: s.operation,
    scope: { unitId: scopeUnitIdOf(actor), path: actor.scopePath },
    after: {
      ...(s.phone ? { phone: maskPhone(s.phone), phoneFingerprint } : {}),
      ...(s.idNumber ? { idNumber: maskIdNumber(s.idNumber), idNumberFingerprint } : {}),
      results: s.results,
    },
    detail: `${s.operation}: ${s.results} result(s)`,
  });
}
