import { describe, expect, it } from 'vitest';
import { actionSpecs } from './specs.js';

describe('the toast after an action', () => {
  // These only ask: the dispatching unit decides. "申请延期：已完成" would say it is done.
  it.each(['request_extension', 'return', 'reply'] as const)('%s says it was submitted, not done', (key) => {
    expect(actionSpecs[key]?.success).toMatch(/已提交/);
  });
});
