import type { jobsApi } from '../../api/admin.js';

/** The jobs page's names: states, the kinds the server runs (by their code), and when a job ran or runs next. */
export type JobPage = Awaited<ReturnType<typeof jobsApi.list>>;
export type Job = JobPage['items'][number];
export type JobState = Job['state'];

export const jobStates: readonly JobState[] = ['failed', 'pending', 'running', 'done'];
export const jobStateNames: Record<JobState, string> = { pending: '待执行', running: '执行中', done: '已完成', failed: '失败' };
export const jobStateColors: Record<JobState, string> = { pending: 'gold', running: 'blue', done: 'green', failed: 'red' };

/** What each kind of job does, in words (the server's kinds; an unknown one shows its code alone). */
export const jobKindNames: Record<string, string> = {
  'notice.deliver': '站内通知投递',
  'outbound.deliver': '外发通知（Webhook、短信）',
  'exchange.deliver': '数据交换发送',
  'exchange.reconcile': '数据交换对账',
  'exchange.national_upload': '全总数据上报',
  'exchange.purge_nonces': '清理数据交换签名记录',
  'supervision.scan': '督办时限扫描',
  'orders.deadline_counts': '临期超期计数',
  'orders.carry_provisional_deadlines': '重算暂定期限',
  'search.index_missing': '补建检索索引',
  'legal.risk_register': '更新风险单位名录',
  'intelligence.surge_scan': '诉求突增扫描',
  'analytics.reports': '定期报表',
  'calls.purge_nonces': '清理话务签名记录',
  'wechat_groups.purge_nonces': '清理服务群签名记录',
  'idempotency.purge': '清理重复提交记录',
  'jobs.purge': '清理已完成任务',
};

/**
 * The time that matters for a job in its state: when a waiting one runs (next; after a failed attempt, its retry), when
 * a running one was due, when a finished or failed one ended. `label` is the Chinese text shown before it.
 */
export function jobTime(j: Pick<Job, 'state' | 'runAt' | 'finishedAt' | 'attempts'>): { label: string; at: string | null } {
  switch (j.state) {
    case 'pending':
      return { label: j.attempts > 0 ? '下次重试' : '计划执行', at: j.runAt };
    case 'running':
      return { label: '计划执行', at: j.runAt };
    case 'done':
      return { label: '完成于', at: j.finishedAt };
    case 'failed':
      return { label: '最后失败', at: j.finishedAt ?? j.runAt };
  }
}

/** Why a job's attempt failed, as the server stores it beside the message (server platform/jobs/job-failure.ts). */
export type JobFailureKind = NonNullable<Job['lastErrorKind']>;

/**
 * The kind of a failure in words an administrator reads (translated by the page; en.ts): what went wrong and who acts
 * on it. The message stays beside it, the detail to act on or to pass on.
 */
export const jobFailureWords: Record<JobFailureKind, string> = {
  unreachable: '无法连接对方系统（网络不通、超时或地址有误）',
  rejected: '对方系统拒收或出错',
  not_configured: '对方系统已停用或未配置接收地址',
  calendar: '工作日历未覆盖所需日期，请先导入该年度的节假日安排',
  refused: '业务规则不允许（数据可能已变化）',
  database: '数据库出错',
  program: '程序出错，请将详情告知系统维护方',
};

/**
 * A job's last error: the words of its kind and the message. An error stored before kinds were (or of a kind this page
 * does not know) has no words: its message is said as it was stored.
 */
export function jobFailureText(j: Pick<Job, 'lastError' | 'lastErrorKind'>): { words: string | null; detail: string } | null {
  if (!j.lastError) return null;
  return { words: (j.lastErrorKind && jobFailureWords[j.lastErrorKind]) || null, detail: j.lastError };
}

/** Whether the administrator may send a job round again: only a failed one (the server's rule, JOB_NOT_FAILED). */
export const retryable = (j: Pick<Job, 'state'>) => j.state === 'failed';

/** The state filter's choices, each with its count (the server's counts over all jobs). */
export function stateChoices(counts: Record<string, number> | undefined): { value: JobState | 'all'; label: string; count: number | null }[] {
  const all = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  return [
    { value: 'all', label: '全部', count: all },
    ...jobStates.map((s) => ({ value: s, label: jobStateNames[s], count: counts ? (counts[s] ?? 0) : null })),
  ];
}
