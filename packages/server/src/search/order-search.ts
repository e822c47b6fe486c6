import type { Actor } from '../auth/actor.js';
import { invalid } from '../platform/errors/app-error.js';
import { normalisePhone } from '../platform/validation/phone-number.js';
import type { createOrderListService } from '../orders/order-list.js';

export type OrderSearchInput = {
  number?: string | undefined;
  phone?: string | undefined;
  employer?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
};

/**
 * Order search by number, caller's phone, employer (normalised) and words — through the order list, so the access
 * rule, masking, paging and the phone-search rule (a role that sees numbers masked searches by a whole number only,
 * and the search is audited) are the list's.
 */
export function createOrderSearch(list: ReturnType<typeof createOrderListService>) {
  return async function searchOrders(actor: Actor, input: OrderSearchInput) {
    if (!input.number && !input.phone && !input.employer && !input.q) {
      throw invalid('SEARCH_CRITERIA_REQUIRED', '请至少填写工单编号、来电号码、用人单位或关键词之一', [{ field: 'querystring', message: '缺少搜索条件' }]);
    }
    const phone = input.phone ? normalisePhone(input.phone) : undefined;
    return list.list(actor, {
      includeSubtree: true,
      sort: 'created_desc',
      limit: input.limit,
      cursor: input.cursor,
      q: input.q,
      number: input.number,
      // The list decides what a phone search may match (orders/personal-search.ts) and records it in the audit log.
      callerPhone: phone,
      employer: input.employer,
    });
  };
}
