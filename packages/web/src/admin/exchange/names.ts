import type { exchangeApi } from '../../api/exchange.js';

/** The exchange page's shared names: partner kinds, directions, message states and kinds (shown translated). */
export type Partners = Awaited<ReturnType<typeof exchangeApi.partners>>;
export type Partner = Partners['items'][number];
export type Messages = Awaited<ReturnType<typeof exchangeApi.messages>>;
export const kindNames: Record<string, string> = { national: '全国 12351 平台', gov12345: '12345 政务服务热线', government: '政府部门', other: '其他平台' };
export const directionNames: Record<string, string> = { in: '接收', out: '发送', both: '双向' };
export const stateColors: Record<string, string> = { delivered: 'green', received: 'blue', pending: 'gold', failed: 'red' };
export const stateNames: Record<string, string> = { delivered: '已送达', received: '已收到', pending: '待发送', failed: '发送失败' };
export const messageKinds: Record<string, string> = { order: '工单', status: '状态', transfer: '转办', answer: '转办答复', upload: '数据上报' };
/** A time in hours and minutes (“19 小时 3 分钟”, “19 h 3 min”), minutes alone under an hour. */
export function durationText(seconds: number, t: (k: string) => string): string {
  const minutes = Math.floor(seconds / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} ${t('小时')} ${minutes % 60} ${t('分钟')}` : `${minutes} ${t('分钟')}`;
}
