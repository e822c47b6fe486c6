import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chineseIssue } from './chinese.js';
import { english } from './english.js';

const messageOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input, { error: chineseIssue });
  return r.success ? null : r.error.issues.map((i) => i.message).join(' | ');
};

describe('zod’s messages, said to a person', () => {
  it.each<[string, z.ZodType, unknown, string, string]>([
    ['a number too big', z.number().max(200), 500, '不能大于 200', 'At most 200'],
    ['a number too small', z.number().min(1), 0, '不能小于 1', 'At least 1'],
    ['a number not above', z.number().gt(0), 0, '应大于 0', 'Must be more than 0'],
    ['a text too long', z.string().max(100), 'x'.repeat(101), '不能超过 100 个字', 'At most 100 characters'],
    ['an empty text', z.string().min(1), '', '不能为空', 'Required'],
    ['a list too long', z.array(z.number()).max(2), [1, 2, 3], '最多 2 项', 'At most 2 items'],
    ['a missing field', z.object({ a: z.string() }), {}, '不能为空', 'Required'],
    ['a text for a number', z.number(), 'x', '应为数字', 'Must be a number'],
    ['a number for a text', z.string(), 1, '应为文字', 'Must be text'],
    ['a choice not offered', z.enum(['a', 'b']), 'c', '应为以下之一：a、b', 'Must be one of: a, b'],
    ['an unknown key', z.object({}).strict(), { x: 1, y: 2 }, '不支持的字段：x、y', 'Unknown field: x, y'],
    ['a bad uuid', z.uuid(), 'nope', '编号格式不正确', 'Invalid id'],
    ['a pattern', z.string().regex(/^\d+$/), 'x', '格式不正确', 'Invalid format'],
    ['a fraction for a whole number', z.number().int(), 1.5, '应为整数', 'Must be a whole number'],
  ])('%s', (_name, schema, input, zh, en) => {
    const message = messageOf(schema, input);
    expect(message).toBe(zh);
    expect(english(message!)).toBe(en);
  });
});

describe('the English table', () => {
  it.each([
    ['请填写延长的时长', 'Give the length of the extension'],
    ['请填写退回重办的理由', 'Give the reason for the rework'],
    ['请填写理由', 'Please fill in: reason'],
  ])('a whole entry wins over a template that also matches: %s', (zh, en) => {
    expect(english(zh)).toBe(en);
  });
});
