import { requireRole, type Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { forbidden } from '../platform/errors/app-error.js';
import type { UnitDirectoryCache } from '../units/unit-directory.js';

/**
 * The exchange with 12345, the government departments and the national platform is the province hotline centre's
 * work: the partners (their addresses, credentials, mappings), every message in and out (the orders of the whole
 * province, their numbers and requests), the daily national uploads (every order's number, employer, amount, area),
 * the reconciliation. A role that runs it (the administrator, the centre's dispatcher) reads and works it only where
 * its reach holds the province's hotline centre: the directory's rule (units/unit-directory.ts `holdsProvinceHotline`,
 * the voice menu's, calls/ivr.service.ts), which the session tells the screens, so the menu hides the page the server
 * refuses. Anyone else gets 403 EXCHANGE_OUT_OF_SCOPE.
 *
 * Refused rather than filtered to the orders the reader sees: a city's dispatcher has a need to see its own orders'
 * exchange, and has it on each order (GET /orders/:id/exchange, behind the order's visibility: where it came from,
 * its transfers, their receipts and answers). The list's other rows — messages of orders outside the reach, the
 * uploads' batches, messages of no order — are the centre's alone, and a filtered list would read every message's
 * order against the reach for a page that only the centre works.
 */
export async function requireExchangeDesk(units: Pick<UnitDirectoryCache, 'current'>, actor: Actor, ...roles: Role[]): Promise<void> {
  // The role first: a handler is told which roles would do, wherever it is.
  requireRole(actor, ...roles);
  if (!(await units.current()).holdsProvinceHotline(actor.scopePath))
    throw forbidden('EXCHANGE_OUT_OF_SCOPE', '数据交换属于省热线中心，本单位范围内没有省热线中心');
}
