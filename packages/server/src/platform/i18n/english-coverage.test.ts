import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { membershipStateNames } from '../../selfservice/domain/membership.js';
import { staleVersion } from '../errors/app-error.js';
import { english } from './english.js';

/**
 * Every refusal of mediation, the legal desk (letters, employers at risk, referrals, lawyer seats) and the worker's own
 * page (membership applications, following a request, verification codes) has its English (english.ts): read from
 * the source, so a new code or message without English fails here. A message is found where the modules write one:
 * an error's constructor (notFound, conflict, invalid, forbidden, unprocessable, new AppError, staleVersion), a field
 * problem's `message:`, a zod `error:`, a map of messages (`…Messages = {…}`). A template literal is said with
 * the values it takes (`samples`), since its English is a template too.
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const modules = ['mediation', 'legal', 'selfservice'];

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
  const forms: [RegExp, (m: RegExpMatchArray) => void][] = [
    [
      new RegExp(String.raw`\b(?:notFound|conflict|invalid|forbidden|unprocessable)\(\s*(${literal})\s*,\s*(${literal}|[\w.[\]]+)`, 'g'),
      (m) => add(m[1]!, m[2]!),
    ],
    [new RegExp(String.raw`new AppError\(\s*'\w+'\s*,\s*(${literal})\s*,\s*(${literal}|[\w.[\]]+)`, 'g'), (m) => add(m[1]!, m[2]!)],
    [new RegExp(String.raw`\bstaleVersion\(\s*(${literal}|[\w.[\]]+)\s*\)`, 'g'), (m) => add("'VERSION_CONFLICT'", `staleVersion(${m[1]!})`)],
    [new RegExp(String.raw`\b(?:message|error)\s*[:=]\s*(${literal})`, 'g'), (m) => add(null, m[1]!)],
    [new RegExp(String.raw`\bmustBeOpen\(\s*\w+\s*,\s*(${literal})`, 'g'), (m) => add(null, m[1]!)],
  ];
  for (const [re, take] of forms) for (const m of text.matchAll(re)) take(m);
  for (const m of text.matchAll(/\bconst \w+Messages\b[^=]*=\s*\{([^}]*)\}/g)) for (const v of m[1]!.matchAll(new RegExp(literal, 'g'))) add(null, v[0]);
  return sites;
}

const files = modules.flatMap((m) => filesUnder(join(src, m)));
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
  '`请填写${what}`': lawyerTexts.map((f) => [f.what]),
  '`${what}不超过 ${max} 字`': lawyerTexts.map((f) => [f.what, f.max]),
};
/** Messages that are not literals where they are thrown: the literals they stand for are found elsewhere. */
const indirect: Record<string, string> = {
  'swapMessages[problem]': 'the literals of swapMessages (lawyer-seats.service.ts)',
  'codeCheckMessages[problem]': 'the literals of codeCheckMessages (selfservice/domain/verification.ts)',
  message: 'mustBeOpen’s message: its default and each call’s literal',
};

/** What a site says, in Chinese: each value a template takes, or the literal itself. */
function chineseOf(s: Site): string[] {
  const stale = /^staleVersion\((.*)\)$/s.exec(s.message);
  if (stale) return chineseOf({ ...s, message: stale[1]! }).map((what) => staleVersion(what).message);
  if (s.message.startsWith("'")) return [s.message.slice(1, -1)];
  if (s.message.startsWith('`')) {
    if (!s.message.includes('${')) return [s.message.slice(1, -1)];
    const values = samples[s.message];
    if (!values) return [`(no samples for ${s.message} in ${s.where}: add them to \`samples\`)`];
    return values.map((v) => {
      let k = 0;
      return s.message.slice(1, -1).replace(/\$\{[^}]*\}/g, () => v[k++] ?? '');
    });
  }
  return indirect[s.message] ? [] : [`(a message the scan cannot read: ${s.message} in ${s.where})`];
}

describe('English for every refusal of mediation, the legal desk and the worker’s own page', () => {
  const said = sites.flatMap((s) => chineseOf(s).map((zh) => ({ ...s, zh, en: english(zh) })));

  it('finds the refusals (the scan reads the modules)', () => {
    expect(files.length).toBeGreaterThan(20);
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
    ])
      expect(codes, code).toContain(code);
    expect(said.length).toBeGreaterThan(150);
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
  });

  it.each([
    ['调解案件不存在或无权查看', 'No such mediation case, or you may not see it'],
    ['第2期到期日不能早于协议签订日期（2026-11-25）', 'Instalment 2 cannot fall due before the agreement was signed (2026-11-25)'],
    ['请填写调解地点', 'Please fill in: the place'],
    ['入会申请当前状态（已发会员卡）不能执行此操作', "The application's state (member card issued) does not allow this action"],
    ['请填写 11 位手机号码', 'Please fill in: an 11-digit mobile number'],
    ['律师姓名不超过 30 字', "At most 30 characters for the lawyer's name"],
  ])('%s', (zh, en) => expect(english(zh)).toBe(en));
});
