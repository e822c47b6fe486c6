import type { HopStatus, OrderAction, OrderState, Role } from '../api/types.js';

/** Chinese names of the server's codes; shown through t(), whose English table covers every value here. */
export const stateLabels: Record<OrderState, string> = {
  pending_dispatch: '待派单',
  pending_sign: '待签收',
  returned: '退单待审',
  handling: '办理中',
  replied: '待审核',
  pending_callback: '待回访',
  callback_dissatisfied: '回访不满意',
  archived: '已归档',
  closed_at_intake: '当场办结',
  merged: '已合并',
  invalid: '已作废',
};

export const stateColors: Record<OrderState, string> = {
  pending_dispatch: 'orange',
  pending_sign: 'gold',
  returned: 'volcano',
  handling: 'blue',
  replied: 'purple',
  pending_callback: 'cyan',
  callback_dissatisfied: 'red',
  archived: 'default',
  closed_at_intake: 'green',
  merged: 'default',
  invalid: 'default',
};

export const roleLabels: Record<Role, string> = {
  agent: '接线员',
  lawyer: '律师座席',
  dispatcher: '派单员',
  supervisor: '督办员',
  handler: '办理员',
  mediator: '调解员',
  inspector: '质检员',
  leader: '领导',
  administrator: '系统管理员',
  security: '安全管理员',
  auditor: '审计员',
  integration: '接口账号',
  editor: '知识库编辑',
};

/** Who acted, on the timeline and in the audit log: a role, or the system (the job runner). */
export const actorRoleLabels: Record<string, string> = { ...roleLabels, system: '系统' };

export const channelLabels: Record<string, string> = {
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

export const priorityLabels: Record<string, string> = { normal: '一般', urgent: '紧急', major: '重大' };
export const priorityColors: Record<string, string> = { normal: 'default', urgent: 'orange', major: 'red' };
export const tierLabels: Record<string, string> = { general: '一般', difficult: '难点', complex: '特别复杂' };
export const satisfactionLabels: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };
export const relationLabels: Record<string, string> = { self: '本人', relative: '亲属', colleague: '同事', representative: '代表', other: '其他' };
export const deadlineLabels: Record<string, string> = { on_time: '正常', near_due: '临期', overdue: '超期' };
export const deadlineColors: Record<string, string> = { on_time: 'green', near_due: 'orange', overdue: 'red' };
/** A time limit's unit (time-limit rules, the extension dialog). */
export const limitUnitLabels: Record<string, string> = {
  working_days: '工作日',
  working_hours: '工作小时',
  clock_minutes: '分钟（自然时间）',
  clock_hours: '小时（自然时间）',
  calendar_days: '自然日',
  none: '不设时限',
};
export const stepLabels: Record<string, string> = { dispatch: '派单', sign: '签收', return: '退单', reply: '办结反馈', callback: '回访' };
/**
 * The attachment categories the upload dialog offers, as the server accepts and names them (handling/handling.service.ts
 * attachmentKinds, attachmentKindNames), held equal by the server's test test/orders/attachment-kinds.test.ts: a
 * category offered here and unknown there would be refused at upload.
 */
export const attachmentKindLabels: Record<string, string> = {
  recording: '录音',
  photo: '照片',
  iou: '欠条',
  contract: '合同',
  evidence: '证据',
  document: '文书',
  other: '其他',
};
export const noteKindLabels: Record<string, string> = { progress: '办理进展', contact: '联系当事人', visit: '走访', mediation: '调解' };
export const invalidCategoryLabels: Record<string, string> = {
  nuisance: '骚扰电话',
  test: '测试',
  duplicate: '重复',
  other: '其他',
  not_union_matter: '非工会职责',
};
/** How a hop ended (server: orders/domain/effects.ts hopStatuses); typed by the API, so a new status needs its name here. */
export const hopStatusLabels: Record<HopStatus, string> = {
  open: '待签收',
  signed: '已签收',
  returned: '已退回',
  // The unit passed the order further down (下派).
  redispatched: '已下派',
  // The unit returned it and the dispatcher sent it elsewhere.
  withdrawn: '已改派',
};
export const contactAccessLabels: Record<string, string> = { plain: '明文', masked: '脱敏', hidden: '保密（对承办单位隐藏）' };

export const actionLabels: Record<OrderAction, string> = {
  dispatch: '派单',
  handle_at_hotline: '热线办单',
  sign: '签收',
  return: '退单',
  return_redispatch: '退单改派',
  return_reject: '驳回退单',
  invite_co_handler: '邀请协办',
  remove_co_handler: '移除协办',
  reply_co_handler_part: '协办反馈',
  add_note: '添加进展',
  add_attachment: '上传附件',
  request_extension: '申请延期',
  decide_extension: '审批延期',
  reply: '办结反馈',
  review_accept: '审核通过',
  review_rework: '退回重办',
  callback_satisfied: '回访（满意）',
  callback_dissatisfied: '回访（不满意）',
  callback_unreachable: '回访（未接通）',
  reopen: '重启工单',
  archive: '归档',
  merge: '合并',
  unmerge: '撤销合并',
  link: '关联',
  invalidate: '作废',
  reveal_contact: '查看联系方式',
  attach_caller: '追加来电人',
  answer_with_article: '知识库答复并当场办结',
  urge: '催办',
  add_instruction: '领导批示',
  acknowledge_instruction: '确认批示',
  record_emergency_way: '记录应急处置方式',
  check_request: '核实诉求',
};

/** Timeline event names: the order actions plus the events the server records on its own. */
export const eventLabels: Record<string, string> = {
  ...actionLabels,
  create: '受理',
  close_at_intake: '当场办结',
  merge_in: '合并其他工单',
  merge_undone: '撤销合并（来电人转回）',
  near_due_reminder: '临期提醒',
  overdue_urge: '超期催办',
  overdue_escalation: '超期升级',
  emergency_alert: '应急机制启动',
  progress_missing: '应急工单未报进展',
  callback_reminder: '回访提醒',
  callback_retry_due: '二次回访提醒',
  instruction_requested: '请领导批示',
  lawyer_transferred: '转值班律师',
  legal_consultation: '律师咨询意见',
  // Recorded by other capabilities or by the system (server: orders/domain/events.ts; labels.test.ts keeps them all named).
  article_used: '引用知识库答复',
  call_linked: '关联来电',
  deadlines_recomputed: '期限按正式日历重算',
  letter_drafted: '起草监督函',
  letter_approved: '监督函签发',
  letter_sent: '监督函送达',
  letter_responded: '监督函回复',
  letter_followed_up: '监督函跟踪',
  mediation_opened: '启动调解',
  mediation_session: '安排调解',
  mediation_agreement: '达成调解协议',
  mediation_failed: '调解不成',
  mediation_payment: '调解协议履行',
  referred: '移交',
  referral_result: '移交结果',
  self_rated: '职工自助评价',
  transferred_out: '转办',
  transfer_answered: '转办回复',
};

export const labelTables = {
  stateLabels,
  roleLabels,
  actorRoleLabels,
  channelLabels,
  priorityLabels,
  tierLabels,
  satisfactionLabels,
  relationLabels,
  deadlineLabels,
  stepLabels,
  attachmentKindLabels,
  noteKindLabels,
  invalidCategoryLabels,
  hopStatusLabels,
  contactAccessLabels,
  actionLabels,
  eventLabels,
};
