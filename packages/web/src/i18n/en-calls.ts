/** English for the calls capability's texts (screen pop, wallboard). */
export const enCalls: Record<string, string> = {
  '工单已保存，但未能关联到来电记录': 'The order is saved, but it could not be linked to the call record',
  '来电 {caller} 已接通': 'Call from {caller} connected',
  未知号码: 'unknown number',
  '此前来电 {n} 次，最近一次 {at}': 'Called {n} times before, last at {at}',
  首次来电: 'First call',
};
