import { issueEnglish } from './chinese.js';

/**
 * English for what the server says to a person (issue 8): error and validation messages when the interface is
 * English. The server writes Chinese first; this table is keyed by the Chinese text (templates with {0}, {1} for the
 * parts that vary), like the web's own English table. A message not in the table stays Chinese rather than guessed.
 */
const templates: [zh: string, en: string][] = [
  // Generic
  ['输入有误：{0}', 'Invalid input: {0}'],
  ['请提供版本号', 'The version is required'],
  ['编号格式不正确', 'Invalid id'],
  ['工单编号格式不正确', 'Invalid order id'],
  ['单位编号格式不正确', 'Invalid unit id'],
  ['协办编号格式不正确', 'Invalid co-handler id'],
  ['请填写{0}', 'Please fill in: {0}'],
  ['{0}不能超过 {1} 字', '{0}: at most {1} characters'],
  ['日期格式应为 YYYY-MM-DD，且须是真实存在的日期', 'Dates are YYYY-MM-DD and must exist'],
  ['日期不能早于 1900-01-01', 'Dates start at 1900-01-01'],
  ['时间格式应为 ISO 8601，例如 2026-11-25T09:00:00+08:00', 'Times are ISO 8601, e.g. 2026-11-25T09:00:00+08:00'],
  ['请求体不是合法的 JSON', 'The request body is not valid JSON'],
  ['服务器内部错误，请联系管理员', 'Internal server error: please contact the administrator'],
  ['请求过于频繁，请稍后再试', 'Too many requests: please try again later'],
  // The framework's and the input guard's refusals (platform/http/error-handler.ts, input-guard.ts)
  ['不能包含空字符（U+0000）', 'Cannot contain a null character (U+0000)'],
  ['请求地址中的参数过长', 'A parameter in the address is too long'],
  ['请求地址格式不正确', 'The address is malformed'],
  ['请求体为空，但声明为 JSON', 'The request body is empty but declared as JSON'],
  ['不支持的请求内容类型', 'Unsupported content type'],
  ['请求长度与内容不符', 'The request length does not match its content'],
  ['请求体过大', 'The request body is too large'],
  ['接口不存在：{0}', 'No such endpoint: {0}'],
  ['请求有误：{0}', 'Bad request: {0}'],
  // Intake
  ['至少登记一名来电人', 'Record at least one caller'],
  ['来电人最多 50 名', 'At most 50 callers'],
  ['电话号码格式不正确', 'Invalid phone number'],
  ['来电号码应为 3–12 位数字', 'A phone number is 3–12 digits'],
  ['来电号码应为 3–12 位数字（可含空格、横线、括号或 +86）', 'A phone number is 3–12 digits (spaces, dashes, brackets or +86 allowed)'],
  ['未知的来源渠道', 'Unknown channel'],
  ['请选择诉求类型', 'Choose the type of request'],
  ['请选择诉求事项', 'Choose the subject'],
  ['紧急程度应为 normal/urgent/major', 'Priority is normal, urgent or major'],
  ['难度应为 general/difficult/complex', 'Tier is general, difficult or complex'],
  ['关系应为 self/relative/colleague/representative/other', 'Relation is self, relative, colleague, representative or other'],
  ['统一社会信用代码格式或校验位不正确', 'The unified social credit code is malformed or its check digit is wrong'],
  ['行政区划代码应为 6 位（区县）或 9 位（乡镇街道）数字', 'A division code is 6 digits (county) or 9 (town)'],
  ['行政区划代码应为 6 或 9 位数字', 'A division code is 6 or 9 digits'],
  ['行政区划代码 {0} 不存在（GB/T 2260）', 'No GB/T 2260 division has the code {0}'],
  ['行政区划代码不存在（GB/T 2260）', 'No GB/T 2260 division has this code'],
  ['开始日期不能晚于结束日期', 'The start date is after the end date'],
  ['开始日期晚于结束日期', 'The start date is after the end date'],
  ['统计区间不能超过十年', 'A period is at most ten years'],
  ['未找到该诉求，请核对受理编号和电话号码', 'No such request: check the number and the phone number'],
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
  ['至少延长 {0}', 'Extend by at least {0}'],
  ['应为录音、照片、欠条、合同、证据、文书或其他', 'Must be a recording, photo, IOU, contract, evidence, document or other'],
  ['延期不能超过原办理时限（{0}）', 'An extension may not exceed the original limit ({0})'],
  ['最多延长 {0}', 'Extend by at most {0}'],
  ['{0} 个工作日', '{0} working days'],
  ['{0} 个工作小时', '{0} working hours'],
  ['请确认是否已告知来电人', 'Confirm that the caller was told'],
  ['延期须告知来电人：请先告知来电人延期事宜，再申请延期', 'An extension needs the caller told: tell the caller first, then ask'],
  ['请先告知来电人延期事宜', 'Tell the caller about the extension first'],
  [
    '本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能{0}',
    'Your unit no longer takes part in this order (it returned it, the order went elsewhere, or it no longer co-handles it): it may read the record but not: {0}',
  ],
  ['已有一项延期申请待审批', 'An extension request is already waiting for a decision'],
  ['不能审批自己提出的延期申请，请由其他派单员或督办员审批', 'You cannot decide your own extension request: another dispatcher or a supervisor decides it'],
  ['不能审核通过自己提交的办结反馈，请由其他派单员或督办员审核', 'You cannot accept your own reply: another dispatcher or a supervisor reviews it'],
  ['办理期限已过，不能再申请延期（延期须在期限届满前申请）', 'The deadline has passed: an extension must be asked before it'],
  // The reply's figures and their doubts (handling/domain/reply-plausibility.ts)
  ['追回金额不能超过 1000 亿元', 'The amount recovered cannot exceed 100 billion yuan'],
  ['追回金额不能超过 {0} 元，请核实是否多输了位数', 'The amount recovered cannot exceed {0} yuan: check for extra digits'],
  ['帮助人数不能为负', 'Workers helped cannot be negative'],
  ['帮助人数不能超过 {0} 人', 'At most {0} workers helped'],
  ['未知的存疑项', 'Unknown doubt'],
  ['请核实并确认：{0}', 'Check and confirm: {0}'],
  [
    '办结反馈存疑（{0}），审核通过须填写审核意见，说明核实情况',
    'The reply’s figures are in doubt ({0}): accepting it needs a review note saying what was checked',
  ],
  ['请填写审核意见（至少 2 个字），说明存疑之处已核实', 'Write a review note (at least 2 characters) saying the doubtful figures were checked'],
  ['追回金额远超涉及金额；帮助人数超过涉及人数', 'amount recovered far above the amount involved; more workers helped than involved'],
  ['追回金额远超涉及金额', 'amount recovered far above the amount involved'],
  ['帮助人数超过涉及人数', 'more workers helped than involved'],
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
  // Reports (analytics/domain/report-text.ts periodMismatch)
  ['日报的统计期间应为同一天（开始与结束日期相同）', 'A daily report covers one day (the same start and end date)'],
  ['周报的统计期间应从周一开始', 'A weekly report starts on a Monday'],
  ['周报的统计期间应为周一至周日的一整周', 'A weekly report covers one week, Monday to Sunday'],
  ['月报的统计期间应从当月1日开始', 'A monthly report starts on the 1st'],
  ['月报的统计期间应为一个完整的自然月', 'A monthly report covers one calendar month'],
  ['年报的统计期间应从1月1日开始', 'A yearly report starts on 1 January'],
  ['年报的统计期间应为一个完整的自然年', 'A yearly report covers one calendar year'],
  // The voice menu (calls/domain/ivr.ts ivrProblems, calls/ivr.routes.ts); its 请填写… fields are labels below
  ['语音导航配置有 {0} 处问题：{1}', 'The voice menu has problems ({0}): {1}'],
  ['语音导航配置已被他人修改，请刷新后重试', 'The voice menu was changed by someone else: reload and try again'],
  ['话务记录属于热线中心，本单位范围内没有热线中心', "Call records belong to the hotline centre; your unit's reach holds none"],
  ['话务大屏属于热线中心，本单位范围内没有热线中心', "The wallboard belongs to the hotline centre; your unit's reach holds none"],
  ['语音导航属于省热线中心，本单位范围内没有省热线中心', "The voice menu is the province hotline centre's; your unit's reach does not hold it"],
  ['节点编号只能由小写字母、数字、- 和 _ 组成（至多 40 个字符）', 'A node id is lowercase letters, digits, - and _ (at most 40 characters)'],
  ['节点类型应为 {0} 之一', 'The kind of node is one of {0}'],
  ['提示语不超过 500 字', 'A prompt is at most 500 characters'],
  ['按键只能是一个字符', 'A key is one character'],
  ['队列编号不超过 100 个字符', 'A queue id is at most 100 characters'],
  ['队列名称不超过 20 字', 'A queue name is at most 20 characters'],
  ['英文名称不超过 40 个字符', 'An English name is at most 40 characters'],
  ['热线中心的单位编号格式不正确', "Invalid unit id of the queue's hotline centre"],
  ['至多 50 个队列', 'At most 50 queues'],
  ['至少需要一个节点', 'At least one node is needed'],
  ['至多 200 个节点', 'At most 200 nodes'],
  ['服务日应为 all（每天）或 workdays（工作日）', 'The days are all (every day) or workdays (working days)'],
  ['最长等待应为数字', 'The longest wait is a number'],
  ['最长等待至少 10 秒', 'The longest wait is at least 10 s'],
  ['最长等待至多 1800 秒', 'The longest wait is at most 1800 s'],
  ['最多排队数应为数字', 'The most callers waiting is a number'],
  ['最多排队至少 1 人', 'At least 1 caller may wait'],
  ['最多排队至多 500 人', 'At most 500 callers may wait'],
  ['溢出处理应为 voicemail、callback 或 transfer', 'Overflow is voicemail, callback or transfer'],
  ['节点编号 {0} 重复', 'The node id {0} is used twice'],
  ['根节点 {0} 不存在', 'The root node {0} does not exist'],
  ['菜单节点至少需要一个按键', 'A menu needs at least one key'],
  ['只有菜单节点可以设置按键', 'Only a menu has keys'],
  ['按键 {0} 无效，只能是 0–9、* 或 #', 'The key {0} is invalid: keys are 0–9, * or #'],
  ['按键 {0} 在同一菜单中重复', 'The key {0} is used twice in one menu'],
  ['按键 {0} 指向的节点 {1} 不存在', 'The key {0} leads to {1}, which does not exist'],
  ['节点 {0} 被多个按键指向或形成循环，语音导航应为一棵树', 'The node {0} is reached by two keys or by a cycle: the voice menu is a tree'],
  ['节点 {0} 在第 {1} 层，超过 {2} 层', 'The node {0} is on level {1}, deeper than {2}'],
  ['节点 {0} 无法从根菜单到达', 'The node {0} cannot be reached from the main menu'],
  ['非工作时间节点 {0} 不存在', 'The after-hours node {0} does not exist'],
  ['非工作时间节点不能是根菜单', 'The after-hours node cannot be the main menu'],
  ['至少需要一个人工服务时段', 'At least one period with agents is needed'],
  ['时间格式应为 HH:MM', 'Times are HH:MM'],
  ['结束时间应晚于开始时间', 'The end is after the start'],
  ['时段 {0}–{1} 与 {2}–{3} 重叠', 'The periods {0}–{1} and {2}–{3} overlap'],
  ['不是全天候服务时，须指定非工作时间播放的节点', 'A line not open around the clock needs an after-hours node'],
  ['溢出转接须填写电话号码（3–20 位数字）', 'An overflow transfer needs a number (3–20 digits)'],
  ['队列 {0} 的名称重复', 'The queue {0} is named twice'],
  ['队列 {0} 所属的热线中心不存在', "The queue {0}'s hotline centre does not exist"],
  ['队列 {0} 所属的单位不是热线中心', "The queue {0}'s unit is not a hotline centre"],
  ['队列 {0} 所属的热线中心已停用', "The queue {0}'s hotline centre is retired"],
  // Weekly review, monthly analysis and circulars (supervision/domain/reviews.ts)
  ['所议周起始日应为星期一，{0} 不是星期一', 'The week reviewed starts on a Monday: {0} is not a Monday'],
  ['会议日期不能晚于今天（{0}）', 'The meeting date cannot be later than today ({0})'],
  ['会议日期应在所议周结束之后，不早于 {0}', 'The meeting is held after the week it reviews: {0} at the earliest'],
  ['会议日期应在所议周结束后两周内，不晚于 {0}', 'The meeting is held within two weeks of the week it reviews: {0} at the latest'],
  ['通报月份不能晚于本月（{0}）', 'A circular reports a month that has begun: {0} at the latest'],
  ['研判月份不能晚于本月（{0}）', 'An analysis item is about a month that has begun: {0} at the latest'],
  ['完成期限不能早于今天（{0}）', 'The due date cannot be before today ({0})'],
  // The catalog's entries (catalog/catalog.schemas.ts, domain/catalog-edit.ts)
  ['排序应为数字', 'The sort order is a number'],
  ['排序应为整数', 'The sort order is a whole number'],
  ['排序不能为负数', 'The sort order cannot be negative'],
  ['排序不超过 100000', 'The sort order is at most 100000'],
  ['代码 {0} 在本次提交中重复', 'The code {0} appears twice in this change'],
  // Zod's messages for a field without one of its own (i18n/chinese.ts)
  ...issueEnglish,
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
  // The voice menu's fields (calls/ivr.routes.ts, domain/ivr.ts)
  节点编号: 'the node id',
  提示语: 'the prompt',
  按键: 'the key',
  队列编号: 'the queue id',
  队列名称: 'the queue name',
  排队的队列名称: 'the queue the caller waits in',
  '转接的电话号码（3–20 位数字）': 'the number to transfer to (3–20 digits)',
};
for (const [zh, en] of Object.entries(labels)) compiled.push({ re: new RegExp(`^${escape(zh)}$`), en, order: [] });

/** Accept-Language's first language is English: the web sends its interface language with every request. */
export function prefersEnglish(acceptLanguage: string | undefined): boolean {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first === 'en' || first.startsWith('en-');
}
