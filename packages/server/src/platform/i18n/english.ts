import { z } from 'zod';
import { chineseIssue } from './chinese.js';

/**
 * English for what the server says to a person (issue 8): error and validation messages when the interface is
 * English. The server writes Chinese first; this table is keyed by the Chinese text (templates with {0}, {1} for the
 * parts that vary), like the web's own English table. A message not in the table stays Chinese rather than guessed.
 */
const templates: [zh: string, en: string][] = [
  // Generic
  ['输入有误：{0}', 'Invalid input: {0}'],
  ['格式不正确', 'Invalid format'],
  ['请提供版本号', 'The version is required'],
  ['编号格式不正确', 'Invalid id'],
  ['工单编号格式不正确', 'Invalid order id'],
  ['单位编号格式不正确', 'Invalid unit id'],
  ['协办编号格式不正确', 'Invalid co-handler id'],
  ['请填写{0}', 'Please fill in: {0}'],
  ['{0}不能超过 {1} 字', '{0}: at most {1} characters'],
  ['不能超过 {0} 个字', 'At most {0} characters'],
  ['至少 {0} 个字', 'At least {0} characters'],
  ['不能为空', 'Required'],
  ['日期格式应为 YYYY-MM-DD，且须是真实存在的日期', 'Dates are YYYY-MM-DD and must exist'],
  ['日期不能早于 1900-01-01', 'Dates start at 1900-01-01'],
  ['时间格式应为 ISO 8601，例如 2026-11-25T09:00:00+08:00', 'Times are ISO 8601, e.g. 2026-11-25T09:00:00+08:00'],
  ['请求体不是合法的 JSON', 'The request body is not valid JSON'],
  ['服务器内部错误，请联系管理员', 'Internal server error: please contact the administrator'],
  ['请求过于频繁，请稍后再试', 'Too many requests: please try again later'],
  // Intake
  ['至少登记一名来电人', 'Record at least one caller'],
  ['来电人最多 50 名', 'At most 50 callers'],
  ['电话号码格式不正确', 'Invalid phone number'],
  ['来电号码应为 3–12 位数字', 'A phone number is 3–12 digits'],
  ['未知的来源渠道', 'Unknown channel'],
  ['请选择诉求类型', 'Choose the type of request'],
  ['请选择诉求事项', 'Choose the subject'],
  ['紧急程度应为 normal/urgent/major', 'Priority is normal, urgent or major'],
  ['难度应为 general/difficult/complex', 'Tier is general, difficult or complex'],
  ['关系应为 self/relative/colleague/representative/other', 'Relation is self, relative, colleague, representative or other'],
  ['统一社会信用代码格式或校验位不正确', 'The unified social credit code is malformed or its check digit is wrong'],
  ['行政区划代码应为 6 位（区县）或 9 位（乡镇街道）数字', 'A division code is 6 digits (county) or 9 (town)'],
  ['行政区划代码应为 6 或 9 位数字', 'A division code is 6 or 9 digits'],
  ['人数应为整数', 'The number of workers is a whole number'],
  ['人数至少为 1', 'At least 1 worker'],
  ['人数过大', 'Too many workers'],
  ['金额应为数字', 'The amount is a number'],
  ['金额不能为负', 'The amount cannot be negative'],
  ['金额过大', 'The amount is too large'],
  ['身份证号码格式或校验位不正确', 'The ID number is malformed or its check digit is wrong'],
  // Order actions
  ['请选择接收单位', 'Choose the receiving unit'],
  ['请选择协办单位', 'Choose the co-handling unit'],
  ['请选择是否同意', 'Choose approve or refuse'],
  ['不同意延期须填写理由（至少 2 个字）', 'Refusing an extension needs a reason (at least 2 characters)'],
  ['请填写延长的时长', 'Give the length of the extension'],
  ['延长时长应为整数', 'The extension is a whole number'],
  ['至少延长 1', 'Extend by at least 1'],
  ['延期不能超过原办理时限（{0}）', 'An extension may not exceed the original limit ({0})'],
  ['最多延长 {0}', 'At most {0}'],
  ['请确认是否已告知来电人', 'Confirm that the caller was told'],
  ['已有一项延期申请待审批', 'An extension request is already waiting for a decision'],
  ['不能审批自己提出的延期申请，请由其他派单员或督办员审批', 'You cannot decide your own extension request: another dispatcher or a supervisor decides it'],
  ['不能审核通过自己提交的办结反馈，请由其他派单员或督办员审核', 'You cannot accept your own reply: another dispatcher or a supervisor reviews it'],
  ['办理期限已过，不能再申请延期（延期须在期限届满前申请）', 'The deadline has passed: an extension must be asked before it'],
  ['请选择是否解决', 'Say whether it was resolved'],
  ['追回金额应为数字', 'The amount recovered is a number'],
  ['追回金额不能为负', 'The amount recovered cannot be negative'],
  ['帮助人数应为整数', 'Workers helped is a whole number'],
  ['审核结果应为 accept 或 rework', 'The review is accept or rework'],
  ['退回重办须说明理由', 'Sending back for rework needs a reason'],
  ['请填写退回重办的理由', 'Give the reason for the rework'],
  ['审核结果应为 redispatch 或 reject', 'The decision is redispatch or reject'],
  ['回访结果应为 reached 或 unreachable', 'The callback result is reached or unreachable'],
  ['满意度应为 satisfied/basically_satisfied/dissatisfied', 'Satisfaction is satisfied, basically_satisfied or dissatisfied'],
  ['至少选择一张要合并的工单', 'Choose at least one order to merge'],
  ['工单已被他人修改，请刷新后重试', 'The order was changed by someone else: reload and try again'],
  ['工单不存在', 'No such order'],
  ['缺少文件', 'The file is missing'],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = templates.map(([zh, en]) => {
  const parts = zh.split(/\{(\d)\}/);
  const order: number[] = [];
  const source = parts.map((p, i) => (i % 2 ? (order.push(Number(p)), '(.+?)') : escape(p))).join('');
  return { re: new RegExp(`^${source}$`, 's'), en, order };
});

/** The English of one Chinese message, or the message itself when the table does not know it. */
export function english(zh: string): string {
  for (const t of compiled) {
    const m = t.re.exec(zh);
    if (m) return t.en.replace(/\{(\d)\}/g, (_s, d: string) => english(m[t.order.indexOf(Number(d)) + 1] ?? ''));
  }
  return zh;
}

/** Labels that appear inside templates ("请填写{0}"). */
const labels: Record<string, string> = {
  理由: 'reason',
  办理措施: 'measures',
  延期理由: 'reason for the extension',
  诉求内容: 'the request',
  来电人姓名: "caller's name",
  姓名: 'name',
  备注: 'note',
  退单理由: 'reason for returning',
  作废理由: 'reason for invalidating',
};
for (const [zh, en] of Object.entries(labels)) compiled.push({ re: new RegExp(`^${escape(zh)}$`), en, order: [] });

/** Accept-Language's first language is English: the web sends its interface language with every request. */
export function prefersEnglish(acceptLanguage: string | undefined): boolean {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-');
}

const zhLocale = chineseIssue;
const enLocale = z.locales.en().localeError;
type Issue = Parameters<typeof enLocale>[0];
const text = (r: ReturnType<typeof enLocale>) => (typeof r === 'string' ? r : r?.message);

/**
 * A validation issue's English: zod's own English when the message is zod's default Chinese one, else the table.
 * `issue` is what fastify-type-provider-zod keeps of it (code, params).
 */
export function englishIssue(message: string, issue: Issue | undefined): string {
  if (issue) {
    try {
      if (text(zhLocale(issue)) === message) return text(enLocale(issue)) ?? english(message);
    } catch {
      /* an issue the locale cannot phrase: fall back to the table */
    }
  }
  return english(message);
}
