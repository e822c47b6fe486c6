import { maskIdNumber, maskPhone } from '../../platform/privacy/mask.js';
import { checkIdNumber } from '../../platform/validation/id-number.js';
import { mobilePhoneNumber, normalisePhone } from '../../platform/validation/phone-number.js';
import { emptyMapping, get as valueAt, mapInbound, set as setAt, theirField, type FieldMapping } from './mapping.js';

/** What a confidential caller's personal data reads as (orders/order-view.ts callerView says the same of the name). */
export const hiddenText = '（保密）';

/** A landline with its whole area code (platform/validation/phone-number.ts wholePhoneNumber's landline part). */
const landline = /^0(?:10|2\d)\d{8}$|^0[3-9]\d{2}\d{7,8}$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A caller's personal fields (orders/orders.schemas.ts callerInput) and how each is shown when not hidden. */
const callerFields: Record<'name' | 'phone' | 'idNumber', (v: string) => string> = {
  // The name is shown to whoever sees the order (order-view.ts), unless the caller is confidential.
  name: (v) => v,
  phone: (v) => maskPhone(normalisePhone(v)) ?? v,
  idNumber: (v) => maskIdNumber(v.trim().toUpperCase()) ?? v,
};

/** A text shaped like a phone number (a mobile, a landline with its area code) or a valid ID number, masked; else null. */
function maskedByShape(v: string): string | null {
  const phone = normalisePhone(v.trim());
  if (mobilePhoneNumber.test(phone) || landline.test(phone)) return maskPhone(phone);
  const id = v.trim().toUpperCase();
  if (checkIdNumber(id) === null) return maskIdNumber(id);
  return null;
}

/** Every string or number leaf of a value, shaped like a phone or ID number, masked (or hidden) in place. */
function sweep(v: unknown, hidden: boolean): unknown {
  if (typeof v === 'string' || typeof v === 'number') {
    const masked = maskedByShape(String(v));
    return masked === null ? v : hidden ? hiddenText : masked;
  }
  if (Array.isArray(v)) return v.map((x) => sweep(x, hidden));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sweep(x, hidden)]));
  return v;
}

/**
 * A partner's order as a message shows it (and as it is kept once the order is made): the callers' personal data in
 * the partner's own fields, found through its mapping (`callers.N.name/phone/idNumber` in their terms, or under our
 * names), masked as the order view masks them, or hidden altogether when the order is confidential (the order view
 * hides a confidential caller from every unit but the intake and the dispatcher, and shows it to nobody whole but
 * through the recorded reveal). A field the mapping leaves out is not ours to know, yet the partner may have sent a
 * number in it (a second phone, an ID card field we do not take): any text shaped like a phone or ID number is masked
 * too. Free text (the request itself) is left as it is, as on the order. Pure; the partner's order is not changed.
 */
export function maskedInboundOrder(m: FieldMapping, theirs: unknown, ours: Record<string, unknown> = mapInbound(m, theirs)): unknown {
  if (!isObject(theirs)) return theirs;
  const hidden = ours.confidential === true;
  const out = structuredClone(theirs);
  const count = Math.max(Array.isArray(ours.callers) ? ours.callers.length : 0, Array.isArray(theirs.callers) ? theirs.callers.length : 0);
  for (let i = 0; i < count; i++) {
    for (const [field, show] of Object.entries(callerFields)) {
      // Mapped (their path), and under our own name (a partner that sends our format).
      for (const path of new Set([theirField(m, `callers.${i}.${field}`), `callers.${i}.${field}`])) {
        const v = valueAt(out, path);
        if (typeof v === 'string' || typeof v === 'number') setAt(out, path, hidden ? hiddenText : show(String(v)));
      }
    }
  }
  return sweep(out, hidden);
}

/**
 * A message's payload as it is shown: an inbound order's partner order masked (`maskedInboundOrder`), whoever reads it.
 * The other messages are ours and carry no caller: transfers (exchange.service.ts transferOut: the request, the place,
 * the employer), status messages (domain/outbound.ts statusPayload), the national upload (domain/national-upload.ts:
 * no caller's name, phone or identity number ever leaves), a partner's answer; they are shown as they are.
 */
export function shownPayload(message: { direction: string; kind: string; payload: unknown }, mapping: FieldMapping | undefined): Record<string, unknown> {
  const p = message.payload as Record<string, unknown>;
  if (message.direction !== 'in' || message.kind !== 'order' || !isObject(p) || !('order' in p)) return p;
  return { ...p, order: maskedInboundOrder(mapping ?? emptyMapping, p.order) };
}
