import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requireRole, type Actor } from '../../auth/actor.js';
import { minPasswordLength, passwordHistorySize } from '../../auth/domain/password-policy.js';
import { roleNames, roles } from '../../auth/roles.js';
import { parseNoticeFile } from '../../calendar/domain/notice-file.js';
import { maxCodeLength, maxNameZhLength } from '../../catalog/domain/catalog.js';
import { checkLimit } from '../../catalog/domain/time-limit-rules.js';
import { CalendarNotCoveredError, checkWorkingPeriods } from '../../calendar/domain/working-time.js';
import { behindEarlier, failureOfStatus, failureOfThrown, notSending } from '../../exchange/domain/failures.js';
import { partnerKinds } from '../../exchange/domain/mapping.js';
import { reconcile, type SentMessage } from '../../exchange/domain/reconcile.js';
import { articleStatuses, decideArticle, type ArticleAction } from '../../knowledge/domain/article.js';
import { decide, orderActions, type Relation } from '../../orders/domain/state-machine.js';
import { orderStates } from '../../orders/domain/states.js';
import { membershipStateNames } from '../../selfservice/domain/membership.js';
import { divisionProblem, type DivisionLevel } from '../../units/domain/unit-rules.js';
import { placementProblem, unitTypes } from '../../units/domain/unit-types.js';
import { staleVersion } from '../errors/app-error.js';
import { english } from './english.js';

/**
 * Every refusal of mediation, the legal desk (letters, employers at risk, referrals, lawyer seats), the worker's own
 * page (membership applications, following a request, verification codes), the pages people use every day (orders,
 * dispatch, handling, supervision and its reviews, calls, the knowledge base) and the administration's (units, the
 * working calendar, the exchange, sign-in and people, the catalog, quality inspection, figures and reports, and the
 * platform's own refusals) has its English (english.ts): read from
 * the source, so a new code or message without English fails here. A message is found where the modules write one:
 * an error's constructor (notFound, conflict, invalid, forbidden, unprocessable, new AppError, staleVersion, the order
 * state machine's notNow and notYou), a field problem's `message:`, a zod `error:` (both literals of a ternary
 * `cond ? '…' : '…'` there), a map of messages
 * (`…Messages = {…}`, `messages = {…}`). A template literal is said with the values it takes (`samples`), since its
 * English is a template too; one composed of names that carry their own English is checked by what it says (below).
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const modules = [
  ...['mediation', 'legal', 'selfservice', 'orders', 'dispatch', 'handling', 'supervision', 'calls', 'knowledge'],
  ...['units', 'calendar', 'exchange', 'platform', 'auth', 'users', 'catalog', 'quality', 'analytics'],
  // Notifications (and the outbound ones), review and callback, the audit log, the jobs, WeChat service groups,
  // reading a request, search
  ...['notifications', 'closure', 'audit', 'system', 'service-groups', 'intelligence', 'search'],
  // Where the data is reached from (scope), the console, the demo's generator, installing
  ...['access', 'cli', 'demo', 'install'],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
const literal = String.raw`'(?:[^'\\]|\\.)*'|\x60(?:[^\x60\\]|\\.)*\x60`;
const chinese = /[\u4e00-\u9fff]/;
/** Chinese, or the full-width punctuation that comes with it: nothing of either is left in an English message. */
const notEnglish = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

type Site = { where: string; code: string | null; message: string };

function sitesOf(file: string): Site[] {
  const text = withoutComments(readFileSync(file, 'utf8'));
  const where = relative(src, file);
  const sites: Site[] = [];
  const add = (code: string | null, message: string) => sites.push({ where, code, message });
  // A name that does not start a ternary (`a ? '…' : '…'`: the forms after read both of its literals).
  const named = String.raw`[\w.[\]]+(?![\w.[\]]|\s*\?)`;
  const ternary = String.raw`[\w.!]+\s*\?\s*(${literal})\s*:\s*(${literal})`;
  const forms: [RegExp, (m: RegExpMatchArray) => void][] = [
    [
      new RegExp(String.raw`\b(?:notFound|conflict|invalid|forbidden|unprocessable)\(\s*(${literal})\s*,\s*(${literal}|${named})`, 'g'),
      (m) => add(m[1]!, m[2]!),
    ],
    [
      new RegExp(String.raw`\b(?:notFound|conflict|invalid|forbidden|unprocessable)\(\s*(${literal})\s*,\s*${ternary}`, 'g'),
      (m) => (add(m[1]!, m[2]!), add(m[1]!, m[3]!)),
    ],
    [new RegExp(String.raw`\b(?:message|error)\s*[:=]\s*${ternary}`, 'g'), (m) => (add(null, m[1]!), add(null, m[2]!))],
    // units.service.ts retiredParent(field, message)
    [new RegExp(String.raw`\bretiredParent\(\s*(?:${literal})\s*,\s*(${literal})`, 'g'), (m) => add("'UNIT_PARENT_RETIRED'", m[1]!)],
    [new RegExp(String.raw`new AppError\(\s*'\w+'\s*,\s*(${literal})\s*,\s*(${literal}|[\w.[\]]+)`, 'g'), (m) => add(m[1]!, m[2]!)],
    [new RegExp(String.raw`\bstaleVersion\(\s*(${literal}|[\w.[\]]+)\s*\)`, 'g'), (m) => add("'VERSION_CONFLICT'", `staleVersion(${m[1]!})`)],
    [new RegExp(String.raw`\b(?:message|error)\s*[:=]\s*(${literal})`, 'g'), (m) => add(null, m[1]!)],
    [new RegExp(String.raw`\bmustBeOpen\(\s*\w+\s*,\s*(${literal})`, 'g'), (m) => add(null, m[1]!)],
    [new RegExp(String.raw`\bnot(?:Now|You)\(\s*(${literal}|[\w.[\]]+)\s*,\s*(${literal}|[\w.[\]]+)`, 'g'), (m) => add(m[1]!, m[2]!)],
  ];
  for (const [re, take] of forms) for (const m of text.matchAll(re)) take(m);
  for (const m of text.matchAll(/\bconst (?:\w+M|m)essages\b[^=]*=\s*\{([^}]*)\}/g)) for (const v of m[1]!.matchAll(new RegExp(literal, 'g'))) add(null, v[0]);
  // A message kept in a constant (`const …Message = '…'`, thrown elsewhere); one made of names is said by its value
  // (`constantValues`), found by the constant's name.
  for (const m of text.matchAll(new RegExp(String.raw`\bconst (\w+Message)\b[^=]*=\s*(${literal})`, 'g')))
    add(null, m[2]!.startsWith('`') && m[2]!.includes('${') ? m[1]! : m[2]!);
  // A map of refusals, its entries nested by case (`const refusals = { holder: { unknown: '…', retired: (name) => `…` } }`,
  // dispatch.service.ts): every literal up to the map's closing brace at the start of a line.
  for (const m of text.matchAll(/\bconst (?:\w+R|r)efusals\b[^=]*=\s*\{([\s\S]*?)\n\};?/g))
    for (const v of m[1]!.matchAll(new RegExp(literal, 'g'))) add(null, v[0]);
  // What is said in the reader's language where it is sent (platform/http/web.ts `said(req, '…')`).
  for (const m of text.matchAll(new RegExp(String.raw`\bsaid\(\s*[\w.]+\s*,\s*(${literal})`, 'g'))) add(null, m[1]!);
  return sites;
}

// The exchange's simulator stands for a partner's server (its answers are the partner's words, not ours).
const files = modules.flatMap((m) => filesUnder(join(src, m))).filter((f) => !f.endsWith(join('exchange', 'simulator.ts')));
const sites = files.flatMap(sitesOf);
const source = (file: string) => readFileSync(join(src, file), 'utf8');

/** The values in a map of names `const <name> … = { key: '…', … }` of a source file. */
const namesIn = (file: string, name: string) => {
  const m = new RegExp(String.raw`const ${name}\b[^=]*=\s*\{([^}]*)\}`).exec(source(file));
  return [...(m?.[1] ?? '').matchAll(/'([^']*)'/g)].map((v) => v[1]!);
};
/** The fields lawyer-seats.routes.ts names through its `text(min, max, '…')`. */
const lawyerTexts = [...source('legal/lawyer-seats.routes.ts').matchAll(/\btext\(\s*\d+\s*,\s*(\d+)\s*,\s*'([^']+)'\s*\)/g)].map((m) => ({
  max: m[1]!,
  what: m[2]!,
}));

/** The calls `fn(…)` a source file makes, each with its first string and first number: a field's label and its limit. */
const callsOf = (file: string, fn: string) =>
  [...withoutComments(source(file)).matchAll(new RegExp(String.raw`(?<![\w.])${fn}\(([^()]*)\)`, 'g'))].flatMap((m) => {
    const label = /'([^']*)'/.exec(m[1]!)?.[1];
    return label === undefined ? [] : [{ label, max: /\b(\d+)\b/.exec(m[1]!)?.[1] ?? '' }];
  });
/** The values of a map `const <name> … = { 'key': 'value', … }` of a source file (its keys may be quoted too). */
const valuesIn = (file: string, name: string) => {
  const m = new RegExp(String.raw`const ${name}\b[^=]*=\s*\{([^}]*)\}`).exec(source(file));
  return [...new Set([...(m?.[1] ?? '').matchAll(/:\s*'([^']*)'/g)].map((v) => v[1]!))];
};
/**
 * Order fields (orders.schemas.ts `text`, `optionalText`), the notes every module asks through `noteText` (its
 * default label and limit, or the ones a call gives) and the reasons every module asks through `reasonText`.
 */
const noteDefault = /noteText = \(label = '([^']+)', max = (\d+)\)/.exec(source('orders/orders.schemas.ts'))!;
const notes = [
  { label: noteDefault[1]!, max: noteDefault[2]! },
  ...filesUnder(src).flatMap((f) => callsOf(relative(src, f), 'noteText').map((c) => ({ label: c.label, max: c.max || noteDefault[2]! }))),
];
const orderTexts = [...callsOf('orders/orders.schemas.ts', 'text'), ...callsOf('orders/orders.schemas.ts', 'optionalText'), ...notes];
const reasonDefault = /reasonText = \(label = '([^']+)'\) => text\((\d+)/.exec(source('orders/orders.schemas.ts'))!;
const reasons = [
  { label: reasonDefault[1]!, max: reasonDefault[2]! },
  ...filesUnder(src).flatMap((f) => callsOf(relative(src, f), 'reasonText').map((c) => ({ label: c.label, max: reasonDefault[2]! }))),
];
/** Supervision's fields: a leader's instructions (`text`), the review records (`date`, `text`, `optionalText`). */
const instructionTexts = callsOf('supervision/instructions.routes.ts', 'text');
const reviewDates = callsOf('supervision/reviews.routes.ts', 'date');
const reviewTexts = callsOf('supervision/reviews.routes.ts', 'text');
const reviewOptional = callsOf('supervision/reviews.routes.ts', 'optionalText');
/** The knowledge base's lists of words (knowledge.schemas.ts `words(max, '…')`). */
const articleWords = callsOf('knowledge/knowledge.schemas.ts', 'words');
const labels = (cs: { label: string }[]) => cs.map((c) => [c.label]);
const withMax = (cs: { label: string; max: string }[]) => cs.map((c) => [c.label, c.max]);
/** The kinds of file an attachment may be, as the refusal lists them. */
const attachmentKinds = valuesIn('orders/attachments/content-check.ts', 'allowedAttachmentTypes').join('、');
const articleFileKinds = valuesIn('knowledge/article-files.ts', 'articleFileTypes').join('、');
/** What a reply's doubts say (handling/domain/reply-plausibility.ts), alone and together. */
const doubts = [['追回金额远超涉及金额'], ['帮助人数超过涉及人数'], ['追回金额远超涉及金额；帮助人数超过涉及人数']];
// A unit's name is said as it is: a Latin one here, so what is checked is the template's own words.
const unitName = 'Beilin District Federation of Trade Unions';
/** The administration's fields: units' and people's ids, texts and flags, the exchange's names, the catalog's texts. */
const idsOf = [...callsOf('units/units.schemas.ts', 'uuidOf'), ...callsOf('users/users.schemas.ts', 'uuidOf')];
const unitTexts = callsOf('units/units.schemas.ts', 'text');
const unitFlags = callsOf('units/units.schemas.ts', 'flag');
const exchangeNames = callsOf('exchange/exchange.routes.ts', 'name');
const catalogTexts = callsOf('catalog/catalog.schemas.ts', 'text');
const reportCodeLists = callsOf('analytics/reports.routes.ts', 'codeList');
/** What a campaign's rules name (analytics/domain/campaign-rules.ts `check(list, what, …)`). */
const campaignWhats = [...source('analytics/domain/campaign-rules.ts').matchAll(/\bcheck\(\s*'\w+'\s*,\s*'([^']+)'/g)].map((m) => m[1]!);
/** Every record staleVersion names, anywhere in the server. */
const staleNames = [...new Set(filesUnder(src).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bstaleVersion\(\s*'([^']+)'/g)].map((m) => m[1]!)))];
const roleZh = roles.map((r) => [roleNames[r].zh]);
/** The amounts in yuan the server's schemas name (platform/http/schemas.ts `yuan(label)`), wherever they are asked. */
const amountLabels = filesUnder(src).flatMap((f) => callsOf(relative(src, f), 'yuan'));

/** Each template literal's values, in the order of its `${…}`s. */
const samples: Record<string, string[][]> = {
  '`期次应在 0 到 ${schedule.length - 1} 之间`': [['2']],
  '`分期金额合计 ${sum} 元，与协议金额 ${agreedAmount} 元不一致`': [['9000', '12000']],
  '`第${k + 1}期到期日不能早于协议签订日期（${signedOn}）`': [['2', '2026-11-25']],
  '`工作日历未覆盖 ${d}，无法排律师班（请先导入该年度的节假日安排）`': [['2028-01-03']],
  '`监督函当前状态（${stateNames[l.state] ?? l.state}）不能执行此操作`': namesIn('legal/legal.service.ts', 'stateNames').map((n) => [n]),
  '`入会申请当前状态（${membershipStateNames[r.state as MembershipState].zh}）不能执行此操作`': Object.values(membershipStateNames).map((n) => [n.zh]),
  '`该号码获取验证码过于频繁，请 ${seconds} 秒后再试`': [['42']],
  '`验证码已发送，请 ${seconds} 秒后再获取`': [['42']],
  '`${what}不超过 ${max} 字`': lawyerTexts.map((f) => [f.what, f.max]),
  // Orders, dispatch and handling
  '`请填写${label}`': labels([...orderTexts, ...reasons, ...exchangeNames]),
  '`${label}不能超过 ${max} 字`': withMax([...orderTexts, ...reasons]),
  "`应为 ${values.join('/')} 之一`": [['pending_dispatch/handling/replied']],
  '`${h.unit.name}已是协办单位`': [[unitName]],
  '`${name}已撤销，不能接收工单`': [[unitName]],
  '`${name}已撤销，不能协办`': [[unitName]],
  '`已超过退单时限（${o.returnDueAt.toISOString()}），请继续办理或申请延期`': [['2026-11-25T01:00:00.000Z']],
  '`至少延长 ${least}`': [['1 个工作日'], ['1 个工作小时']],
  '`最多延长 ${most}`': [['5 个工作日'], ['8 个工作小时']],
  '`延期不能超过原办理时限（${most}）`': [['5 个工作日'], ['8 个工作小时']],
  '`回访不满意的工单最多重启 ${maxReopens} 次，请归档或转督办`': [['2']],
  '`请核实并确认：${what}`': doubts,
  '`办结反馈存疑（${what}），审核通过须填写审核意见，说明核实情况`': doubts,
  '`行政区划代码 ${division} 不存在（GB/T 2260）`': [['610199']],
  '`帮助人数不能超过 ${maxWorkersHelped} 人`': [['100000']],
  '`附件不能超过 ${maxAttachmentBytes / 1024 / 1024} MB`': [['20']],
  "`不允许上传可执行或安装类文件（${fileName.split('.').pop()}）`": [['exe']],
  '`不支持的文件内容（按内容识别，与扩展名无关）。允许：${allowedList()}`': [[attachmentKinds]],
  // Supervision's reviews (supervision/domain/reviews.ts) and fields
  '`所议周起始日应为星期一，${weekStart} 不是星期一`': [['2026-11-25']],
  '`第 ${n + 1} 项督办事项：责任单位「${it.ownerName}」无权查看工单 ${it.orderNumber}，请改选能查看该工单的单位`': [['2', unitName, '202611250001']],
  '`会议日期不能晚于今天（${today}）`': [['2026-11-25']],
  '`会议日期应在所议周结束之后，不早于 ${earliest}`': [['2026-11-30']],
  '`会议日期应在所议周结束后两周内，不晚于 ${latest}`': [['2026-12-13']],
  '`通报月份不能晚于本月（${monthOf(today)}）`': [['2026-11']],
  '`研判月份不能晚于本月（${monthOf(today)}）`': [['2026-11']],
  '`完成期限不能早于今天（${today}）`': [['2026-11-25']],
  '`${what}不能超过 ${max} 个字符`': withMax([...instructionTexts, ...reviewTexts, ...reviewOptional]),
  '`${what}格式应为 YYYY-MM-DD`': labels(reviewDates),
  '`${what}不是有效日期`': labels(reviewDates),
  '`${what}应为文字`': labels(reviewOptional),
  // Calls and the voice menu (calls/domain/ivr.ts)
  "`事件类型应为 ${callEventTypes.join('、')} 之一`": [['ringing、answered、ended']],
  "`坐席状态应为 ${chosenAgentStates.join('、')} 之一`": [['ready、break']],
  "`节点类型应为 ${ivrNodeKinds.join('、')} 之一`": [['menu、queue、voicemail']],
  '`语音导航配置有 ${problems.length} 处问题：${problems[0]!.message}`': [['2', '节点编号 main 重复']],
  '`节点编号 ${n.id} 重复`': [['main']],
  '`根节点 ${c.root} 不存在`': [['main']],
  '`按键 ${k.key} 无效，只能是 0–9、* 或 #`': [['a']],
  '`按键 ${k.key} 在同一菜单中重复`': [['1']],
  '`按键 ${k.key} 指向的节点 ${k.to} 不存在`': [['1', 'wages']],
  '`节点 ${id} 被多个按键指向或形成循环，语音导航应为一棵树`': [['wages']],
  '`节点 ${id} 在第 ${depth} 层，超过 ${maxIvrDepth} 层`': [['wages', '4', '3']],
  '`节点 ${n.id} 无法从根菜单到达`': [['wages']],
  '`非工作时间节点 ${afterHours} 不存在`': [['night']],
  '`时段 ${sorted[i - 1]!.start}–${sorted[i - 1]!.end} 与 ${sorted[i]!.start}–${sorted[i]!.end} 重叠`': [['09:00', '12:00', '11:30', '17:30']],
  '`队列 ${q.id} 的名称重复`': [['wages']],
  '`队列 ${q.id} 所属的热线中心不存在`': [['wages']],
  '`队列 ${q.id} 所属的单位不是热线中心`': [['wages']],
  '`队列 ${q.id} 所属的热线中心已停用`': [['wages']],
  // The knowledge base
  '`附件不能超过 ${maxArticleFileBytes / 1024 / 1024} MB`': [['10']],
  '`每个版本最多 ${maxFilesPerVersion} 个附件`': [['10']],
  '`知识条目的附件只能是：${allowed}`': [[articleFileKinds]],
  '`允许：${allowed}`': [[articleFileKinds]],
  "`条目类型应为 ${articleKinds.join('/')} 之一`": [['law/local_policy/procedure/qa/script']],
  '`${what}不能为空`': labels(articleWords),
  '`${what}最多 ${max} 字`': withMax(articleWords),
  '`${what}最多 30 项`': labels(articleWords),
  // Units (units.schemas.ts, units.service.ts, domain/unit-rules.ts) and people's ids (users.schemas.ts)
  '`${what}编号格式不正确`': labels(idsOf),
  '`请填写${what}`': [...lawyerTexts.map((f) => [f.what]), ...labels(instructionTexts), ...labels(reviewDates), ...labels(reviewTexts), ...labels(unitTexts)],
  '`${what}不能超过 ${max} 个字`': withMax(unitTexts),
  '`${what}应为 true 或 false`': labels(unitFlags),
  '`已有同类型单位使用行政区划代码 ${code}`': [['150100']],
  '`没有省级行政区划 ${province}`': [['990000']],
  '`行政区划 ${division.code} 不在上级单位的区划 ${parentCode} 之内`': [['150202', '150100']],
  // A record someone else changed first (platform/errors/app-error.ts), by every name it is given
  '`${what}已被他人修改，请刷新后重试`': staleNames.map((n) => [n]),
  // The working calendar (calendar.service.ts, domain/calendar-year.ts)
  '`${date} 不是周末，调休上班日应为周六或周日`': [['2027-02-09']],
  '`${d.date} 不是周末，调休上班日应为周六或周日`': [['2027-02-09']],
  "`工作日历未覆盖 ${date}（已覆盖 ${firstDay ?? '无'} 至 ${lastDay ?? '无'}），请先导入该年度的节假日安排`": [
    ['2028-01-03', '2026-01-01', '2027-12-31'],
    ['2028-01-03', '无', '无'],
  ],
  '`${input.year} 年已在工作日历中，请逐日修改而不是重新导入`': [['2027']],
  '`工作日历覆盖 ${firstDay} 至 ${lastDay}，只能导入紧接的 ${after} 年（或 ${before} 年），不能留下空缺`': [['2026-01-01', '2027-12-31', '2028', '2025']],
  '`一次最多查询 ${maxListedDays} 天`': [['400']],
  '`范围不能超过 ${maxListedDays} 天`': [['400']],
  '`${d.date} 不是有效日期`': [['2027-02-30']],
  '`${d.date} 不在 ${year} 年内`': [['2028-01-01', '2027']],
  '`${d.date} 重复填写`': [['2027-02-08']],
  '`${d.date} 同时填在放假日期中`': [['2027-02-06']],
  // The exchange (exchange.routes.ts, partners.service.ts)
  '`${label}最多 ${max} 字`': withMax(exchangeNames),
  "`平台类型应为 ${partnerKinds.join('/')} 之一`": [[partnerKinds.join('/')]],
  '`已有同名的对接平台：${name}`': [['Hohhot 12345']],
  // The platform's refusals (error-handler.ts, hardening.ts, json-body.ts, secret-box.ts)
  '`请求有误：${err.message}`': [['Body cannot be empty when content-type is set to application/json']],
  "`接口不存在：${request.method} ${request.url.split('?')[0]}`": [['GET', '/api/nothing']],
  '`请求过于频繁，请 ${Math.max(1, Math.ceil(seconds))} 秒后再试`': [['30']],
  '`请求体嵌套层数过多（最多 ${limits.maxDepth} 层）`': [['32']],
  '`请求体字段或元素过多（最多 ${limits.maxKeys} 个）`': [['10000']],
  // An amount in yuan (platform/http/schemas.ts yuan), by every label it is given
  '`${label}应为数字`': labels(amountLabels),
  '`${label}不能为负`': labels(amountLabels),
  '`${label}最多两位小数（精确到分）`': labels(amountLabels),
  "`密钥 ${id ?? ''} 不在 HOTLINE_SECRET_KEYS 中，无法解密对接平台密钥`": [['k1']],
  // Sign-in and passwords (auth/), people's roles (users/domain/role-rules.ts: every role's name)
  '`密码错误次数过多，已暂停从此处登录该账号，请 ${minutes} 分钟后再试`': [['15']],
  '`密码至少 ${minPasswordLength} 位`': [[String(minPasswordLength)]],
  '`新密码不能与最近 ${passwordHistorySize} 次使用过的密码相同`': [[String(passwordHistorySize)]],
  '`“${part}”应为两种不同的管理职责，以 + 连接：administrator、security、auditor 中的两个`': [['administrator+administrator']],
  '`同一人员不能同时担任${a}和${b}（三员分立）`': [
    [roleNames.administrator.zh, roleNames.security.zh],
    [roleNames.security.zh, roleNames.auditor.zh],
    [roleNames.administrator.zh, roleNames.auditor.zh],
  ],
  '`不能为自己授予角色（${roleNames[gained.role].zh}）：须由另一位安全管理员授予`': roleZh,
  '`${roleNames[role].zh}角色只能在服务器控制台授予或收回（三员分立：npm run duties）`': roleZh,
  // The catalog (catalog.schemas.ts, catalog-reference.ts, domain/catalog-edit.ts, time-limit-rules.service.ts)
  '`未知的诉求类型：${input.typeCode}`': [['praise']],
  '`未知的诉求事项：${input.subjectCode}`': [['no_such_subject']],
  '`未知的风险标识：${f}`': [['no_such_flag']],
  '`代码不超过 ${maxCodeLength} 个字符`': [[String(maxCodeLength)]],
  '`中文名称不超过 ${maxNameZhLength} 个字`': [[String(maxNameZhLength)]],
  '`${what}不超过 ${max} 个字`': withMax(catalogTexts),
  '`不超过 ${max}`': [['100000']],
  '`代码 ${input.code} 在本次提交中重复`': [['wage_arrears']],
  '`新增条目 ${input.code} 需填写中文名称`': [['wage_arrears']],
  '`新增条目 ${input.code} 需填写英文名称`': [['wage_arrears']],
  "`未知的诉求类型代码：${unknown.join('、')}`": [['praise、thanks']],
  "`${c.kind === 'types' ? '诉求类型' : '诉求事项'}代码不存在：${c.code}`": [
    ['诉求类型', 'praise'],
    ['诉求事项', 'no_such_subject'],
  ],
  // Quality inspection (quality/domain/score-sheet.ts): a sheet's item is named as written (a Latin one here)
  '`“${item.name}”为否决项：1 表示符合，0 表示违反`': [['Greeting']],
  '`“${item.name}”的得分应在 0 到 ${item.weight} 之间`': [['Greeting', '10']],
  '`评分项代码重复：${item.code}`': [['greeting']],
  '`合格线应在 1 到总分 ${max} 之间`': [['100']],
  '`请为“${item.name}”打分`': [['Greeting']],
  '`评分表中没有此项：${code}`': [['greeting']],
  // Figures, reports and campaigns (analytics/)
  "`${what}不存在：${unknown.join('、')}`": campaignWhats.map((w) => [w, 'x1、x2']),
  '`统计期间不能晚于今天（${today}）`': [['2026-11-25']],
  '`统计期间早于本系统的第一张工单（${firstDay}），没有可统计的数据`': [['2026-01-01']],
  '`${label}过长`': labels(reportCodeLists),
  '`本单位已有名为“${name}”的专项行动`': [['Wage arrears 2026']],
  "`超出所属单位的辖区：${outside.join('、')}`": [['150200、150300']],
};
/**
 * Messages composed of names that carry their own English (AppError `english`): the order state machine's (states,
 * actions, relations) and a knowledge entry's (statuses, actions). Checked by what they say, below.
 */
const composed = new Set([
  "`工单当前状态（${stateNames[state].zh}）不允许${act.zh}${closed ? '，工单已办结只读' : ''}`",
  '`当前角色不能${act.zh}`',
  '`本单位目前不参与该工单（已退单、已改派他处或不再协办），只能查看记录，不能${act.zh}`',
  '`本单位不是该工单的${zh}，不能${act.zh}`',
  '`条目当前状态（${state.zh}）不允许${act.zh}`',
  // A kind of unit and a division's level (units/domain/unit-rules.ts), said below for every kind and level
  '`${unitTypeNames[type].zh}应使用${want}行政区划代码，${division.code} 是${levelNames[division.level]}区划`',
  // Field problems joined into one summary, with its English joined the same way (AppError `english`)
  '`节假日安排有误：${zh}`',
  '`工单内容不符合要求：${zh}`',
]);
/** Not a message of ours: a failed query's own words, kept as the database said them (platform/jobs/job-failure.ts). */
const notOurs = new Set(['`${text(cause)}${sqlState}${statement}`']);
/** Messages that are not literals where they are thrown: the literals they stand for are found elsewhere. */
const indirect: Record<string, string> = {
  'swapMessages[problem]': 'the literals of swapMessages (lawyer-seats.service.ts)',
  'codeCheckMessages[problem]': 'the literals of codeCheckMessages (selfservice/domain/verification.ts)',
  message: 'mustBeOpen’s message: its default and each call’s literal',
  tooMuch: 'amountRecoveredProblem’s messages (handling/domain/reply-plausibility.ts)',
  'awaitedMessages[which]': 'the literals of awaitedMessages (orders/domain/instruction-rule.ts)',
  'messages[problem]': 'the literals of messages (calls/telephony-signature.ts)',
  'problems[0]': 'checkContent’s messages (knowledge/domain/article.ts)',
  what: 'the call records’ and the wallboard’s refusal (calls.service.ts requireCallReader), checked by name below',
  zh: 'requireRole’s (auth/actor.ts), composed of roles’ names with its own English, checked below',
  invalidInputMessage: 'the field messages in a summary made in the reader’s language (platform/http/error-handler.ts)',
  'problemMessages[problem]': 'the literals of problemMessages (platform/signing/signed-request.ts)',
  'err.message': 'CalendarNotCoveredError’s (calendar/domain/working-time.ts), said in the exchange’s block below',
  'parsed.message': 'a holiday file’s problems (calendar/domain/notice-file.ts), said below',
  problem: 'checkWorkingPeriods’ (calendar/domain/working-time.ts) and checkLimit’s (catalog/domain/time-limit-rules.ts), said below',
  'fields.map': 'the field messages joined (each read where it is written), its English joined the same way',
  'wrong.message': 'periodMismatch’s messages (analytics/domain/report-text.ts)',
};

/**
 * Messages kept in a constant made of names (`const …Message = \`…${…}\``), by the constant's name: their value,
 * made here of the names in the source (importing handling.service.ts would load the database's modules).
 */
const attachmentKindNames = valuesIn('handling/handling.service.ts', 'attachmentKindNames');
const attachmentKindMessage = `应为${attachmentKindNames.slice(0, -1).join('、')}或${attachmentKindNames.at(-1)}`;
const constantValues: Record<string, string> = { attachmentKindMessage };

/** What a site says, in Chinese: each value a template takes, or the literal itself. */
function chineseOf(s: Site): string[] {
  const stale = /^staleVersion\((.*)\)$/s.exec(s.message);
  if (stale) return chineseOf({ ...s, message: stale[1]! }).map((what) => staleVersion(what).message);
  if (s.message.startsWith("'")) return [s.message.slice(1, -1)];
  if (s.message.startsWith('`')) {
    if (!s.message.includes('${')) return [s.message.slice(1, -1)];
    if (composed.has(s.message) || notOurs.has(s.message)) return [];
    const values = samples[s.message];
    if (!values) return [`(no samples for ${s.message} in ${s.where}: add them to \`samples\`)`];
    return values.map((v) => {
      let k = 0;
      return s.message.slice(1, -1).replace(/\$\{[^}]*\}/g, () => v[k++] ?? '');
    });
  }
  if (constantValues[s.message] !== undefined) return [constantValues[s.message]!];
  return indirect[s.message] ? [] : [`(a message the scan cannot read: ${s.message} in ${s.where})`];
}

describe('English for every refusal of mediation, the legal desk, the worker’s own page, the daily pages and the administration', () => {
  const said = sites.flatMap((s) => chineseOf(s).map((zh) => ({ ...s, zh, en: english(zh) })));

  it('finds the refusals (the scan reads the modules)', () => {
    expect(files.length).toBeGreaterThan(20);
    // Every module is read: a new one is added to `modules` (or its refusals would go unseen).
    const dirs = readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(dirs.filter((d) => !modules.includes(d))).toEqual([]);
    const codes = new Set(sites.map((s) => s.code).filter(Boolean));
    for (const code of [
      "'MEDIATION_CASE_NOT_FOUND'",
      "'MEDIATION_SCHEDULE_INVALID'",
      "'MEDIATION_INSTALMENT_PAID'",
      "'LETTER_WRONG_STATE'",
      "'NO_LAWYER_ON_DUTY'",
      "'MEMBERSHIP_NOT_FOUND'",
      "'MEMBERSHIP_INVALID_TRANSITION'",
      "'PUBLIC_APPLICATION_NOT_FOUND'",
      "'PUBLIC_REQUEST_NOT_FOUND'",
      "'VERIFICATION_CODE_TOO_SOON'",
      "'VERSION_CONFLICT'",
      '`SWAP_${problem.toUpperCase()}`',
      "'ORDER_CO_HANDLER_EXISTS'",
      "'ORDER_EXTENSION_PENDING'",
      "'DISPATCH_TARGET_INVALID'",
      "'REVIEW_ITEM_NOT_FOUND'",
      "'CIRCULAR_PUBLISHED'",
      "'CALL_RECORDING_NOT_FOUND'",
      "'KB_FILE_TYPE_NOT_ALLOWED'",
      "'UNIT_DUPLICATE_DIVISION'",
      "'CALENDAR_YEAR_NOT_ADJACENT'",
      "'EXCHANGE_PARTNER_NAME_TAKEN'",
      "'RATE_LIMITED'",
      "'AUTH_LOCKED'",
      "'USER_SELF_UNLOCK'",
      "'CATALOG_CODE_UNKNOWN'",
      "'QA_ALREADY_SAMPLED'",
      "'CAMPAIGN_NAME_TAKEN'",
      "'UNIT_PARENT_RETIRED'",
      "'NOTIFICATION_CURSOR_INVALID'",
      "'OUTBOUND_NOT_FAILED'",
      "'PHONE_TASK_DONE'",
      "'CALLBACK_PER_CALLER_EXCLUSIVE'",
      "'AUDIT_RANGE_INVALID'",
      "'JOB_NOT_FAILED'",
      "'GROUP_DRAFT_DECIDED'",
      "'WECHAT_GROUPS_NOT_CONFIGURED'",
      "'SEARCH_SYNONYM_TOO_FEW'",
      "'SEARCH_CRITERIA_REQUIRED'",
    ])
      expect(codes, code).toContain(code);
    expect(said.length).toBeGreaterThan(500);
    // Messages kept in constants and maps, and said where they are sent, are read too.
    const messages = new Set(said.map((s) => s.zh));
    for (const zh of [
      '该号码已登记为本工单的来电人',
      attachmentKindMessage,
      `${unitName}已撤销，不能接收工单`,
      `${unitName}已撤销，不能协办`,
      '热线中心不能作为协办单位',
      '文件不存在',
    ])
      expect(messages, zh).toContain(zh);
    expect(said.every((s) => chinese.test(s.zh) || s.zh.startsWith('('))).toBe(true);
  });

  it('has English for each message, with no Chinese left in it', () => {
    const missing = said.filter((s) => s.zh.startsWith('(') || notEnglish.test(s.en)).map((s) => `${s.where} ${s.code ?? ''} ${s.zh} → ${s.en}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('uses every sample (a template no longer written is taken out of `samples`)', () => {
    const written = new Set(sites.map((s) => s.message));
    expect(Object.keys(samples).filter((k) => !written.has(k))).toEqual([]);
    expect(Object.keys(indirect).filter((k) => !written.has(k))).toEqual([]);
    expect([...composed].filter((k) => !written.has(k))).toEqual([]);
    expect([...notOurs].filter((k) => !written.has(k))).toEqual([]);
    expect(Object.keys(constantValues).filter((k) => !written.has(k))).toEqual([]);
  });

  it.each([
    ['调解案件不存在或无权查看', 'No such mediation case, or you may not see it'],
    ['第2期到期日不能早于协议签订日期（2026-11-25）', 'Instalment 2 cannot fall due before the agreement was signed (2026-11-25)'],
    ['请填写调解地点', 'Please fill in: the place'],
    ['入会申请当前状态（已发会员卡）不能执行此操作', "The application's state (member card issued) does not allow this action"],
    ['请填写 11 位手机号码', 'Please fill in: an 11-digit mobile number'],
    ['律师姓名不超过 30 字', "At most 30 characters for the lawyer's name"],
    ['话务记录属于热线中心，本单位范围内没有热线中心', "Call records belong to the hotline centre; your unit's reach holds none"],
    ['话务大屏属于热线中心，本单位范围内没有热线中心', "The wallboard belongs to the hotline centre; your unit's reach holds none"],
    ['该月通报已发布，不能重新生成', "That month's circular is published: it cannot be made again"],
    ['请填写退单理由', 'Please fill in: reason for returning'],
    ['会议决定不能超过 1000 个字符', 'the decision: at most 1000 characters'],
    ['知识条目的附件只能是：PDF、JPEG 图片', "An entry's attachments can only be: PDF, JPEG image"],
    ['事件类型应为 ringing、answered 之一', 'The event type is one of ringing, answered'],
    ['Beilin已是协办单位', 'Beilin is already a co-handler'],
    ['单位信息已被他人修改，请刷新后重试', "Someone else changed the unit's details: reload and try again"],
    ['群消息草稿已被他人修改，请刷新后重试', 'Someone else changed the group message draft: reload and try again'],
    ['已有同类型单位使用行政区划代码 150100', 'A unit of the same kind already uses the division code 150100'],
    ['2027-02-30 不是有效日期', '2027-02-30 is not a valid date'],
    ['已有同名的对接平台：Hohhot 12345', 'A partner of this name already exists: Hohhot 12345'],
    ['请求过于频繁，请 30 秒后再试', 'Too many requests: try again in 30 s'],
    ['同一人员不能同时担任系统管理员和审计员（三员分立）', 'One person cannot be both System administrator and Auditor (separation of duties)'],
    ['请填写单位名称', "Please fill in: the unit's name"],
    ['诉求事项代码过长', 'A subject code is too long'],
    ['请为“Greeting”打分', 'Score “Greeting”'],
    ['登录已过期，请重新登录', 'Your session has expired: please sign in again'],
    // Notifications, review and callback, the audit log, the jobs, service groups, reading a request, search
    ['只有发送失败的 Webhook 或短信可以重发', 'Only a failed webhook or SMS can be sent again'],
    ['请选择回访结果（已接通或未接通），或逐人记录', 'Choose the callback result (reached or unreachable), or record it caller by caller'],
    ['操作人用户名不能超过 64 个字符', "the actor's username: at most 64 characters"],
    ['任务不存在或不是失败状态', 'No such job, or it has not failed'],
    ['请填写忽略理由', 'Please fill in: reason for dismissing'],
    ['诉求内容不能超过5000字', 'The request text is at most 5000 characters'],
    ['同义词组至少需要两个不同的词', 'A synonym group needs at least two different words'],
  ])('%s', (zh, en) => expect(english(zh)).toBe(en));
});

/** Every relation the machine knows (a Record, so a new one is named here or the file does not compile). */
const relations = Object.keys({
  holder: 1,
  hop_dispatcher: 1,
  order_dispatcher: 1,
  co_handler: 1,
  intake: 1,
  hotline_holder: 1,
  reaches_holder: 1,
} satisfies Record<Relation, 1>) as Relation[];

describe('English for the order state machine’s composed refusals (states, actions, relations)', () => {
  it('says every refusal of every state, action, role and relation in English', () => {
    const missing = new Set<string>();
    let refused = 0;
    for (const state of orderStates)
      for (const action of orderActions)
        for (const role of roles)
          for (const rs of [[], ...relations.map((r) => [r])]) {
            const d = decide(state, action, { role, relations: new Set(rs) });
            if (d.ok) continue;
            refused++;
            const en = d.english ?? english(d.message);
            if (notEnglish.test(en) || en === d.message) missing.add(`${d.code} ${d.message} → ${en}`);
          }
    expect(refused).toBeGreaterThan(1000);
    expect([...missing]).toEqual([]);
  });

  it.each([
    [
      'a closed order',
      decide('archived', 'sign', { role: 'handler', relations: new Set(['holder']) }),
      'In its state (Archived) the order does not let you sign for the order: the order is closed and read-only',
    ],
    [
      'a state',
      decide('handling', 'review_accept', { role: 'dispatcher', relations: new Set(['order_dispatcher']) }),
      'In its state (Handling) the order does not let you accept the reply',
    ],
    ['a role', decide('pending_sign', 'sign', { role: 'agent', relations: new Set(['holder']) }), 'Your role may not sign for the order'],
    [
      'relations',
      decide('pending_callback', 'callback_satisfied', { role: 'agent', relations: new Set() }),
      "Your unit is not the order's assigning unit or intake unit, so it may not record a callback (satisfied)",
    ],
    [
      'no involvement',
      decide('handling', 'add_note', { role: 'handler', relations: new Set() }),
      'Your unit no longer takes part in this order (it returned it, the order went elsewhere, or it no longer co-handles it): it may read the record but not add a progress note',
    ],
  ])('names %s', (_what, d, en) => expect(d).toMatchObject({ ok: false, english: en }));
});

describe('English for a knowledge entry’s refusals (statuses, actions)', () => {
  const actions: ArticleAction[] = ['save', 'submit', 'approve', 'reject', 'publish'];
  it('says every refusal in English', () => {
    const said = articleStatuses.flatMap((status) =>
      actions.flatMap((action) =>
        [
          { role: 'editor' as const, userId: 'u1', savedBy: 'u2' },
          { role: 'editor' as const, userId: 'u1', savedBy: 'u1' },
          { role: 'agent' as const, userId: 'u1', savedBy: 'u2' },
        ].map((who) => decideArticle(status, action, who)),
      ),
    );
    const refusals = said.flatMap((d) => (d.ok ? [] : [{ ...d, en: d.english ?? english(d.message) }]));
    expect(refusals.length).toBeGreaterThan(20);
    expect(refusals.filter((d) => notEnglish.test(d.en)).map((d) => `${d.code} ${d.message} → ${d.en}`)).toEqual([]);
    expect(decideArticle('published', 'publish', { role: 'editor', userId: 'u1', savedBy: 'u2' })).toMatchObject({
      english: 'The entry is published, which does not let you publish it',
    });
  });
});

describe('English for the administration’s refusals made of names and of parsed input', () => {
  const saidInEnglish = (messages: (string | null)[]) => {
    const said = messages.filter((m): m is string => m !== null);
    expect(said.length).toBeGreaterThan(0);
    return said.filter((m) => notEnglish.test(english(m))).map((m) => `${m} → ${english(m)}`);
  };
  const levels = Object.keys({ province: 1, city: 1, county: 1, zone: 1, town: 1 } satisfies Record<DivisionLevel, 1>) as DivisionLevel[];

  it('says where every kind of unit may stand and which division it uses', () => {
    const placements = [null, ...unitTypes].flatMap((parent) => unitTypes.map((type) => placementProblem(type, parent)));
    const divisions = unitTypes.flatMap((type) => levels.map((level) => divisionProblem(type, { code: '150102', level }, null)?.message ?? null));
    expect(saidInEnglish([...placements, ...divisions])).toEqual([]);
    expect(english(divisionProblem('park_union', { code: '150102', level: 'county' }, null)!.message)).toBe(
      'Industrial-park union uses a division code of level development zone or town (street); 150102 is of level county',
    );
  });

  it('says what is wrong with working periods, a holiday file and a time limit', () => {
    const periods = [
      [],
      [{ start: '9:00', end: '12:00' }],
      [{ start: '12:00', end: '09:00' }],
      [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ],
    ].map(checkWorkingPeriods);
    const event = (dates: string) => `BEGIN:VCALENDAR\nBEGIN:VEVENT\n${dates}\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR`;
    const files = [
      parseNoticeFile('ics', 'hello', 2027),
      parseNoticeFile('ics', event('DTSTART:2027'), 2027),
      parseNoticeFile('ics', event('DTSTART:20270201\nDTEND:20270101'), 2027),
      parseNoticeFile('ics', event('DTSTART:20270101\nDTEND:20271231'), 2027),
      parseNoticeFile('ics', 'BEGIN:VCALENDAR\nEND:VCALENDAR', 2027),
      parseNoticeFile('json', '{', 2027),
      parseNoticeFile('json', 'null', 2027),
      parseNoticeFile('json', '[]', 2027),
      parseNoticeFile('json', '{"holidays":[1]}', 2027),
      parseNoticeFile('json', '{"holidays":[],"makeupDays":{}}', 2027),
      parseNoticeFile('json', '{"holidays":{"2027-01-01":"x"},"workdays":[1]}', 2027),
    ].map((p) => (p.ok ? null : p.message));
    const limits = [checkLimit(5, 'fortnights'), checkLimit(5, 'none'), checkLimit(null, 'working_days'), checkLimit(0, 'working_days')];
    expect(files.every((m) => m !== null)).toBe(true);
    expect(saidInEnglish([...periods, ...files, ...limits])).toEqual([]);
  });

  it('says a role refusal with the roles’ own English (auth/actor.ts requireRole)', () => {
    const actor = { role: 'agent' } as Actor;
    const refused = (() => {
      try {
        requireRole(actor, 'administrator', 'security');
      } catch (err) {
        return err as { english?: string };
      }
    })();
    expect(refused?.english).toBe('Your current role (Agent) may not do this: it needs one of the roles System administrator, Security administrator');
  });
});

describe('English for what the administrator reads of the exchange and the jobs: the reconciliation’s 说明, a failure’s detail', () => {
  // The partner's state codes are its own words, said as they are: Latin ones here, so the check is for ours.
  const sent = (id: number, state: string, ackCount: number, theirState: string | null = null): SentMessage => ({
    id,
    kind: 'status',
    orderId: `o${id}`,
    seq: 1,
    state,
    ackCount,
    theirState,
  });
  const report = reconcile(
    [sent(1, 'failed', 0), sent(2, 'pending', 0), sent(3, 'delivered', 0), sent(4, 'delivered', 2), sent(5, 'delivered', 1, 'HANDLING')],
    [{ externalId: 'X1', kind: 'order' }],
    { received: [{ messageId: '5', state: 'DONE' }, { messageId: '99' }], sent: [{ externalId: 'X2' }, { externalId: 'X1' }, { externalId: 'X1' }] },
  );
  const problems = [...report.missing, ...report.duplicated, ...report.mismatched].map((i) => i.problem);

  it('says each item of a reconciliation in English', () => {
    expect(problems.map(english)).toEqual([
      'Delivery failed: the partner did not receive it',
      'Not delivered yet',
      'Sent; the partner has not acknowledged it',
      'The partner sent it; we did not receive it',
      'The partner acknowledged it 2 times',
      'The partner sent it 2 times (we made one order of it)',
      'The states differ: ours HANDLING, the partner’s DONE',
      'The partner recorded a message we did not send that day',
    ]);
  });

  const refused = failureOfThrown(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 10_000);
  it.each([
    [refused.detail, 'Could not connect to the partner: ECONNREFUSED'],
    [failureOfThrown(Object.assign(new Error('aborted'), { name: 'TimeoutError' }), 10_000).detail, 'No answer from the partner in 10 s (timeout)'],
    [failureOfStatus(503, 'busy').detail, 'The partner answered HTTP 503: busy'],
    [failureOfStatus(404).detail, 'The partner answered HTTP 404'],
    [behindEarlier(7, refused).detail, 'Waiting for the order’s earlier message #7 to be delivered: Could not connect to the partner: ECONNREFUSED'],
    [notSending.detail, 'The partner is switched off or has no address to receive at'],
    // The statement's own (exchange.service.ts statementOf) and the outbound channels' (notifications/outbound/channels.ts)
    ['对方应答不是合法的 JSON', 'The partner’s answer is not valid JSON'],
    ['对方应答中没有对账数据（received、sent）', 'The partner’s answer holds no reconciliation data (received, sent)'],
    ['无法连接 hooks.example.cn：fetch failed', 'Could not connect to hooks.example.cn: fetch failed'],
    ['HTTP 503：busy', 'HTTP 503: busy'],
    [
      new CalendarNotCoveredError('2028-01-03', null, null).message,
      'The working calendar does not cover 2028-01-03 (it covers none to none): an administrator enters that year’s holidays first',
    ],
  ])('%s', (zh, en) => expect(english(zh)).toBe(en));
});
