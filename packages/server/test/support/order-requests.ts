/**
 * The request that performs an action the order view allows (`allowedActions`): the route under /api/orders/:id/ and
 * the body it needs. Shared by the tests that walk orders through random actions (test/orders/order-counts.test.ts,
 * test/analytics/rollup.test.ts), so a route or a body changed in the product is changed here once.
 */
export type OrderRequest = { path: string; body: Record<string, unknown> };

export type RequestOptions = {
  /** Varies the choices (a target unit, a reply resolved or not, the amount recovered). */
  pick: number;
  /** Units a dispatch or a redispatch may send to; the pick chooses one. */
  targets: readonly string[];
  /** The reason any action that needs one gives. */
  reason: string;
  /** The actions a test tries; the others answer null. Absent: every action below. */
  only?: ReadonlySet<string> | undefined;
};

/** The request for `action` on an order at `version`; null for an action not tried (not listed, or not in `only`). */
export function requestFor(action: string, version: number, o: RequestOptions): OrderRequest | null {
  if (o.only && !o.only.has(action)) return null;
  const v = { version };
  const { pick, reason } = o;
  const unitId = o.targets[pick % o.targets.length];
  switch (action) {
    case 'dispatch':
      return { path: 'dispatch', body: { ...v, unitId } };
    case 'handle_at_hotline':
      return { path: 'handle-at-hotline', body: v };
    case 'sign':
      return { path: 'sign', body: v };
    case 'return':
      return { path: 'return', body: { ...v, reason } };
    case 'return_redispatch':
      return { path: 'return-decision', body: { ...v, decision: 'redispatch', unitId, reason } };
    case 'return_reject':
      return { path: 'return-decision', body: { ...v, decision: 'reject', reason } };
    case 'request_extension':
      return { path: 'extension', body: { ...v, amount: 3, reason, callerInformed: true } };
    case 'decide_extension':
      return { path: 'extension-decision', body: { ...v, approve: true, note: '同意' } };
    case 'reply':
      return {
        path: 'reply',
        body: { ...v, outcome: { resolved: pick % 2 === 0, measures: '已督促企业支付', amountRecovered: 1000 + pick, workersHelped: 1 } },
      };
    case 'review_accept':
      return { path: 'review', body: { ...v, decision: 'accept' } };
    case 'review_rework':
      return { path: 'review', body: { ...v, decision: 'rework', reason } };
    case 'callback_satisfied':
      return { path: 'callback', body: { ...v, result: 'reached', handlingSatisfaction: 'satisfied', callSatisfaction: 'satisfied' } };
    case 'callback_dissatisfied':
      return { path: 'callback', body: { ...v, result: 'reached', handlingSatisfaction: 'dissatisfied', callSatisfaction: 'satisfied' } };
    case 'callback_unreachable':
      return { path: 'callback', body: { ...v, result: 'unreachable' } };
    case 'reopen':
      return { path: 'reopen', body: { ...v, reason } };
    case 'attach_caller':
      // Flags set or cleared on an open order: in and out of the emergency counter.
      return { path: 'callers', body: { ...v, caller: { name: '李师傅', phone: '13904719999' }, channel: 'phone', riskFlags: pick % 2 ? ['mass'] : [] } };
    case 'archive':
      return { path: 'archive', body: v };
    case 'invalidate':
      return { path: 'invalidate', body: { ...v, reason } };
    default:
      return null;
  }
}

/**
 * The answer to a request the product could not route or read (its schema refused the body): the walk's request is
 * wrong, whatever state the order is in. Null otherwise (a refusal by the rules, 403, 409 or 422, is the walk's luck).
 */
export function malformed(answer: { statusCode: number; body: string }): string | null {
  if (answer.statusCode === 404 && answer.body.includes('ROUTE_NOT_FOUND')) return answer.body;
  if (answer.statusCode === 400 && answer.body.includes('VALIDATION_FAILED')) return answer.body;
  return null;
}
