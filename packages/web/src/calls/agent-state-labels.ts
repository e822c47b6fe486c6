/** The agents' states as people at the hotline say them (translated by the caller through t()). */
export const agentStateLabels: Record<string, string> = {
  ready: '就绪',
  busy: '通话中',
  after_call_work: '话后处理',
  break: '小休',
  offline: '离线',
};
export const agentStateColors: Record<string, string> = { ready: 'green', busy: 'red', after_call_work: 'orange', break: 'blue', offline: 'default' };
