/**
 * Score sheets (质检评分表) are data: items with a weight (the most points the item gives), a pass mark for the
 * total, and veto items (一票否决) that fail the whole sheet when failed, e.g. disclosing a confidential caller.
 * A veto item carries no points: it is scored 1 (complied) or 0 (violated).
 */
export type ScoreItem = { code: string; name: string; weight: number; veto?: boolean; hint?: string };
const maxOf = (item: ScoreItem) => (item.veto ? 1 : item.weight);
export type ScoreSheet = { items: ScoreItem[]; passMark: number };
/** The inspector's score per item code: 0 … weight points. */
export type ItemScores = Record<string, number>;

export type ScoreResult = {
  total: number;
  maxTotal: number;
  passed: boolean;
  /** Items not given full marks: each becomes a rectification item. */
  failedItems: { code: string; name: string; score: number; weight: number; veto: boolean }[];
  vetoed: boolean;
};

export type ScoreProblem = { field: string; message: string };

/** Checks a sheet's shape: unique codes, positive weights, a pass mark that can be reached. */
export function checkSheet(sheet: ScoreSheet): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const seen = new Set<string>();
  sheet.items.forEach((item, i) => {
    if (seen.has(item.code)) problems.push({ field: `items.${i}.code`, message: `评分项代码重复：${item.code}` });
    seen.add(item.code);
    if (item.veto ? item.weight !== 0 : !(item.weight > 0))
      problems.push({ field: `items.${i}.weight`, message: item.veto ? '否决项不计分，分值应为 0' : '分值必须大于 0' });
  });
  const max = sheet.items.reduce((s, i) => s + i.weight, 0);
  if (sheet.passMark <= 0 || sheet.passMark > max) problems.push({ field: 'passMark', message: `合格线应在 1 到总分 ${max} 之间` });
  return problems;
}

/** Validates the given scores against the sheet: every item scored, each within 0 … weight. */
export function checkScores(sheet: ScoreSheet, scores: ItemScores): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const codes = new Set(sheet.items.map((i) => i.code));
  for (const item of sheet.items) {
    const s = scores[item.code];
    if (s === undefined) problems.push({ field: `scores.${item.code}`, message: `请为“${item.name}”打分` });
    else if (item.veto ? s !== 0 && s !== 1 : !Number.isFinite(s) || s < 0 || s > item.weight)
      problems.push({
        field: `scores.${item.code}`,
        message: item.veto ? `“${item.name}”为否决项：1 表示符合，0 表示违反` : `“${item.name}”的得分应在 0 到 ${item.weight} 之间`,
      });
  }
  for (const code of Object.keys(scores)) if (!codes.has(code)) problems.push({ field: `scores.${code}`, message: `评分表中没有此项：${code}` });
  return problems;
}

export function scoreSheet(sheet: ScoreSheet, scores: ItemScores): ScoreResult {
  const maxTotal = sheet.items.reduce((s, i) => s + i.weight, 0);
  const total = round1(sheet.items.reduce((s, i) => s + (i.veto ? 0 : (scores[i.code] ?? 0)), 0));
  const failedItems = sheet.items
    .filter((i) => (scores[i.code] ?? 0) < maxOf(i))
    .map((i) => ({ code: i.code, name: i.name, score: scores[i.code] ?? 0, weight: i.weight, veto: !!i.veto }));
  const vetoed = failedItems.some((f) => f.veto);
  return { total, maxTotal, passed: !vetoed && total >= sheet.passMark, failedItems, vetoed };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The default sheet of a new installation, after the items the seeds' hotlines inspect (受理—审核—反馈). */
export const defaultScoreSheet: ScoreSheet & { name: string } = {
  name: '接听与工单质量评分表',
  passMark: 80,
  items: [
    { code: 'greeting', name: '规范问候与结束语', weight: 10, hint: '使用“您好，12351职工服务热线”等规范用语' },
    { code: 'listening', name: '耐心倾听与情绪安抚', weight: 15 },
    { code: 'policy_accuracy', name: '政策解答准确', weight: 25, hint: '引用的法律条款、办理流程准确无误' },
    { code: 'order_completeness', name: '工单要素完整', weight: 20, hint: '来电人、单位、地点、诉求、金额、人数记录完整' },
    { code: 'categorisation', name: '分类与派单准确', weight: 15, hint: '诉求类型、事项与属地选择正确' },
    { code: 'promise', name: '对来电人的承诺恰当', weight: 15, hint: '告知办理时限与回访，不作超出职权的承诺' },
    { code: 'confidentiality', name: '保护来电人信息', weight: 0, veto: true, hint: '泄露保密来电人信息的，一票否决' },
  ],
};
