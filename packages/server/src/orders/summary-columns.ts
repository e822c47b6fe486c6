import type { OrderRow } from './orders.repo.js';
import { workOrders } from './orders.tables.js';

/**
 * The columns the brief form reads (orderSummary and deadlinesOf), and no more: a list selects these. Its page read
 * all 64 columns before — the narrative, the answer, visible_to's uuid array, the pending extension — and building
 * that select, parsing its rows and turning visible_to into strings was most of a list request's server time.
 */
export const summaryColumns = {
  id: workOrders.id,
  number: workOrders.number,
  state: workOrders.state,
  version: workOrders.version,
  channel: workOrders.channel,
  typeCode: workOrders.typeCode,
  subjectCode: workOrders.subjectCode,
  priority: workOrders.priority,
  tier: workOrders.tier,
  riskFlags: workOrders.riskFlags,
  title: workOrders.title,
  employerName: workOrders.employerName,
  placeText: workOrders.placeText,
  divisionCode: workOrders.divisionCode,
  confidential: workOrders.confidential,
  isGroup: workOrders.isGroup,
  callerCount: workOrders.callerCount,
  workersInvolved: workOrders.workersInvolved,
  amountInvolved: workOrders.amountInvolved,
  holderUnitId: workOrders.holderUnitId,
  createdAt: workOrders.createdAt,
  deadlineProvisional: workOrders.deadlineProvisional,
  outcome: workOrders.outcome,
  handlingSatisfaction: workOrders.handlingSatisfaction,
  currentStep: workOrders.currentStep,
  currentDueAt: workOrders.currentDueAt,
  currentNearDueAt: workOrders.currentNearDueAt,
  replyDueAt: workOrders.replyDueAt,
  replyNearDueAt: workOrders.replyNearDueAt,
  repliedAt: workOrders.repliedAt,
  replyLimit: workOrders.replyLimit,
  callbackDueAt: workOrders.callbackDueAt,
  returnDueAt: workOrders.returnDueAt,
};
export type OrderSummaryRow = Pick<OrderRow, keyof typeof summaryColumns>;
