import { z } from 'zod';

type Issue = Parameters<ReturnType<typeof z.locales.zhCN>['localeError']>[0];

/** What a value should be, said to a person rather than in zod's type names. */
const typeNames: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  array: '列表',
  date: '日期',
};

const formats: Record<string, string> = {
  email: '电子邮件地址格式不正确',
  url: '网址格式不正确',
  uuid: '编号格式不正确',
  guid: '编号格式不正确',
  date: '日期格式不正确',
  datetime: '时间格式不正确',
  time: '时间格式不正确',
};

const shown = (v: unknown) => (typeof v === 'string' ? v : String(v));

/**
 * The message of a field without a message of its own, in plain Chinese. Zod's own zh-CN messages are written for
 * programmers — "数值过大：期望 number <=200", "出现未知的键(key): x", "无效输入：期望 string，实际接收 number" — and
 * reach the person under the field and in the toast. Every message here has its English in `issueEnglish`.
 */
export function chineseIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      // A missing field reaches here as an input of undefined: it was left empty.
      if (issue.input === undefined) return '不能为空';
      return typeNames[issue.expected] ? `应为${typeNames[issue.expected]}` : '格式不正确';
    case 'invalid_value':
      return issue.values.length === 1 ? `只能是 ${shown(issue.values[0])}` : `应为以下之一：${issue.values.map(shown).join('、')}`;
    case 'too_big': {
      const max = shown(issue.maximum);
      if (issue.origin === 'string') return `不能超过 ${max} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${max} 项`;
      if (issue.origin === 'number' || issue.origin === 'bigint') return issue.inclusive === false ? `应小于 ${max}` : `不能大于 ${max}`;
      return '超出允许的范围';
    }
    case 'too_small': {
      const min = shown(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${min} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${min} 项`;
      if (issue.origin === 'number' || issue.origin === 'bigint') return issue.inclusive === false ? `应大于 ${min}` : `不能小于 ${min}`;
      return '超出允许的范围';
    }
    case 'invalid_format':
      return formats[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为 ${shown(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `不支持的字段：${issue.keys.join('、')}`;
    default:
      return '格式不正确';
  }
}

/** The English of every message `chineseIssue` writes, for the server's English table (i18n/english.ts). */
export const issueEnglish: [zh: string, en: string][] = [
  ['不能为空', 'Required'],
  ['应为文字', 'Must be text'],
  ['应为数字', 'Must be a number'],
  ['应为整数', 'Must be a whole number'],
  ['应为是或否', 'Must be yes or no'],
  ['应为列表', 'Must be a list'],
  ['应为日期', 'Must be a date'],
  ['格式不正确', 'Invalid format'],
  ['只能是 {0}', 'Must be {0}'],
  ['应为以下之一：{0}', 'Must be one of: {0}'],
  ['不能超过 {0} 个字', 'At most {0} characters'],
  ['至少 {0} 个字', 'At least {0} characters'],
  ['最多 {0} 项', 'At most {0} items'],
  ['至少 {0} 项', 'At least {0} items'],
  ['不能大于 {0}', 'At most {0}'],
  ['应小于 {0}', 'Must be less than {0}'],
  ['不能小于 {0}', 'At least {0}'],
  ['应大于 {0}', 'Must be more than {0}'],
  ['超出允许的范围', 'Out of the allowed range'],
  ['电子邮件地址格式不正确', 'Invalid email address'],
  ['网址格式不正确', 'Invalid web address'],
  ['编号格式不正确', 'Invalid id'],
  ['日期格式不正确', 'Invalid date'],
  ['时间格式不正确', 'Invalid time'],
  ['应为 {0} 的倍数', 'Must be a multiple of {0}'],
  ['不支持的字段：{0}', 'Unknown field: {0}'],
  ['应为 {0} 之一', 'Must be one of {0}'],
];
