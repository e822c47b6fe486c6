/** Labels of legal work, shared by the pages and the order's legal panel. */
export const letterStateLabels: Record<string, [string, string]> = {
  draft: ['草稿', 'default'],
  approved: ['已审批', 'blue'],
  sent: ['已送达', 'cyan'],
  responded: ['已反馈', 'purple'],
  closed: ['已办结', 'green'],
};
export const riskLevelLabels: Record<string, [string, string]> = { high: ['高风险', 'red'], medium: ['中风险', 'orange'], low: ['关注', 'gold'] };
export const mediationStateLabels: Record<string, [string, string]> = {
  open: ['调解中', 'blue'],
  agreed: ['已达成协议', 'green'],
  failed: ['调解不成', 'default'],
};
export const performanceLabels: Record<string, [string, string]> = {
  performed: ['已履行', 'green'],
  performing: ['履行中', 'blue'],
  breached: ['未按期履行', 'red'],
};
export const referralChannelLabels: Record<string, string> = { petition: '工会信访', legal_aid: '法律援助' };
