import { stepLabels } from '../../shared/labels.js';

/** The time-limit page's option names: when counting starts, the steps a rule may apply to. */
export const countFromLabels: Record<string, string> = { next_working_day: '次日起算', same_day: '当日起算' };
export const steps = Object.keys(stepLabels);
