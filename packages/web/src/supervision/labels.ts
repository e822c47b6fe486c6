/** Chinese names of the supervision values (translated through the i18n tables like every other string). */
export const reasonNames: Record<string, string> = {
  returned: '退单',
  reworked: '退回重办',
  dissatisfied: '回访不满意',
  overdue: '超期',
  extended_twice: '两次延期',
  emergency: '应急工单',
};
export const reasonColors: Record<string, string> = {
  returned: 'orange',
  reworked: 'gold',
  dissatisfied: 'volcano',
  overdue: 'red',
  extended_twice: 'purple',
  emergency: 'magenta',
};
export const analysisStateNames: Record<string, string> = { open: '待整改', rectifying: '整改中', evaluated: '已评估' };
export const deliveryStateNames: Record<string, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  open: '待致电',
  done: '已致电',
};
export const channelNames: Record<string, string> = { webhook: 'Webhook', sms: '短信', phone: '电话督办' };
export const signalNames: Record<string, string> = { near_due: '临期', overdue: '超期' };
