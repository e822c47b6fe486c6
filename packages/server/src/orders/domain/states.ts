/** The closed loop's states (workflow.md). Names in code are English; the interface shows the Chinese. */
export const orderStates = [
  'pending_dispatch',
  'pending_sign',
  'returned',
  'handling',
  'replied',
  'pending_callback',
  'callback_dissatisfied',
  'archived',
  'closed_at_intake',
  'merged',
  'invalid',
] as const;
export type OrderState = (typeof orderStates)[number];

export const stateNames: Record<OrderState, { zh: string; en: string }> = {
  pending_dispatch: { zh: '待派单', en: 'To dispatch' },
  pending_sign: { zh: '待签收', en: 'To sign for' },
  returned: { zh: '退单待审', en: 'Returned' },
  handling: { zh: '办理中', en: 'Handling' },
  replied: { zh: '待审核', en: 'To review' },
  pending_callback: { zh: '待回访', en: 'To call back' },
  callback_dissatisfied: { zh: '回访不满意', en: 'Dissatisfied callback' },
  archived: { zh: '已归档', en: 'Archived' },
  closed_at_intake: { zh: '当场办结', en: 'Closed at intake' },
  merged: { zh: '已合并', en: 'Merged' },
  invalid: { zh: '已作废', en: 'Invalidated' },
};

/** Read-only from here on: nothing but reading (and linking, which changes no order) is allowed. */
export const finalStates: readonly OrderState[] = ['archived', 'closed_at_intake', 'merged', 'invalid'];
export const isFinal = (s: OrderState) => finalStates.includes(s);
/** The states of an order still in the loop (every state but the final ones). */
export const openStates: readonly OrderState[] = orderStates.filter((s) => !isFinal(s));

// Letters (信件) still reach the unions, and a request may come some other way (issue 8).
export const channels = ['phone', 'app', 'web', 'wechat', 'walk_in', 'transfer_12345', 'upper_platform', 'letter', 'self_service', 'other'] as const;
export type Channel = (typeof channels)[number];
export const channelNames: Record<Channel, string> = {
  phone: '电话',
  app: 'App',
  web: '网页',
  wechat: '微信',
  walk_in: '来访',
  transfer_12345: '12345 转办',
  upper_platform: '上级平台',
  letter: '信件',
  self_service: '自助服务',
  other: '其他',
};

/** Only a consultation is answered and closed on the spot (就地办结); every other request becomes a work order. */
export const closableAtIntake = (typeCode: string) => typeCode === 'consult';

// Priorities and tiers are catalog vocabulary; the order domain uses the catalog's.
export { priorities, tiers, type Priority, type Tier } from '../../catalog/domain/catalog.js';

export const satisfactionLevels = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof satisfactionLevels)[number];
export const satisfactionNames: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

/**
 * Why an order is invalid. `not_union_matter` (非工会职责): a request that is no trade-union matter; an order that came
 * from a partner (12345, 民呼我为) is thereby returned to it (exchange/domain/outbound.ts).
 */
export const invalidCategories = ['nuisance', 'test', 'duplicate', 'other', 'not_union_matter'] as const;
export type InvalidCategory = (typeof invalidCategories)[number];
