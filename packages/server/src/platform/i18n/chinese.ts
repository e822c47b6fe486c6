import { z } from 'zod';

const zodChinese = z.locales.zhCN().localeError;
type Issue = Parameters<typeof zodChinese>[0];

/**
 * Zod's Chinese messages, but a text too long or too short said as a person would: a field without a message of its
 * own got "数值过大：期望 string <=100 字符" (a query's employer, note or cursor of 39 routes). The rest is zod's.
 */
export function chineseIssue(issue: Issue): ReturnType<typeof zodChinese> {
  if (issue.code === 'too_big' && issue.origin === 'string') return `不能超过 ${issue.maximum} 个字`;
  if (issue.code === 'too_small' && issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${issue.minimum} 个字`;
  return zodChinese(issue);
}
