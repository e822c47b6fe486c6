import type { Inspection, Rectification } from '../api/legal.js';

/** 质检 words shown for the server's codes. */
export const inspectionStateLabels: Record<Inspection['state'], string> = { pending: '待评分', scored: '已评分', appealed: '申诉中', decided: '已复核' };
export const sampleReasonLabels: Record<string, string> = {
  random: '随机抽取',
  dissatisfied: '回访不满意',
  agent_complaint: '投诉热线服务',
  manual: '手工加入',
};
export const rectStatus: Record<Rectification['status'], [string, string]> = {
  open: ['整改中', 'blue'],
  overdue: ['已逾期', 'red'],
  closed_on_time: ['按期完成', 'green'],
  closed_late: ['逾期完成', 'orange'],
};
