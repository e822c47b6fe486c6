import fs from 'node:fs';
import path from 'node:path';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../../i18n/en.js';
import { I18nProvider, type Lang } from '../../i18n/i18n.js';
import { invalidateReference } from '../../shared/reference.js';
import type { CampaignStats } from '../api.js';
import { campaignBody, regionPrefixesOf } from './campaign-rules.js';
import { CampaignsTab } from './CampaignsTab.js';
import { CampaignStatsCard } from './CampaignStatsCard.js';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const entry = (code: string, nameZh: string, nameEn: string) => ({ code, nameZh, nameEn, description: '', sortOrder: 10, active: true });
const catalog = {
  version: 1,
  types: [entry('complaint', '投诉', 'Complaint'), entry('consult', '咨询', 'Enquiry')],
  subjects: [
    { ...entry('wage_arrears', '拖欠工资', 'Wage arrears'), usualTypes: ['complaint'] },
    { ...entry('social_insurance', '社会保险', 'Social insurance'), usualTypes: ['consult'] },
  ],
  riskFlags: [entry('mass', '众', 'Mass')],
  thresholds: { massWorkers: 10, largeAmount: 500000, repeatCount: 3, repeatWindowDays: 30 },
};
const divisions = {
  code: '150000',
  name: '内蒙古自治区',
  children: [{ code: '150100', name: '呼和浩特市', children: [{ code: '150102', name: '新城区', zone: false }] }],
};

/** The server as the tab sees it: no campaigns yet, the catalog, the divisions, and `create` answering a POST. */
function serve(create: () => Response) {
  const fetch = vi.fn(async (input: Request | string, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input.url, 'http://localhost');
    const method = (typeof input === 'string' ? init?.method : input.method) ?? 'GET';
    if (url.pathname === '/api/analytics/campaigns') return method === 'POST' ? create() : json(200, []);
    if (url.pathname === '/api/catalog') return json(200, catalog);
    if (url.pathname === '/api/units/divisions') return json(200, divisions);
    return json(404, { code: 'ROUTE_NOT_FOUND', message: url.pathname });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const posts = (fetch: ReturnType<typeof serve>) =>
  fetch.mock.calls.filter(([input, init]) => (typeof input === 'string' ? init?.method : input.method) === 'POST');

function tab(lang: Lang) {
  render(
    <I18nProvider initial={lang}>
      <App>
        <CampaignsTab />
      </App>
    </I18nProvider>,
  );
}
const form = async () => (await screen.findByRole('button', { name: /Create|创\s*建/ })).closest('form')!;
const chinese = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const errorsUnder = (field: string) =>
  [...document.querySelectorAll(`#campaign_${field}`)].map((el) => el.closest('.ant-form-item')!.querySelector('.ant-form-item-explain')?.textContent ?? '');

beforeEach(() => invalidateReference());
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('a campaign’s rules as the form sends them', () => {
  it('picks places by name and sends the prefix of their orders’ codes: a city for its counties', () => {
    expect(regionPrefixesOf([['150100'], ['150100', '150102'], ['150100']])).toEqual(['1501', '150102']);
    expect(regionPrefixesOf(undefined)).toEqual([]);
  });

  it('sends the name trimmed and drops blank keywords', () => {
    const day = (d: string) => ({ format: () => d });
    expect(campaignBody({ name: ' 冬季专项 ', range: [day('2026-11-01'), day('2026-11-30')], rules: { keywords: [' 欠薪 ', ' ', '欠薪'] } })).toEqual({
      name: '冬季专项',
      from: '2026-11-01',
      to: '2026-11-30',
      rules: { subjectCodes: [], typeCodes: [], riskFlags: [], divisionPrefixes: [], keywords: ['欠薪'] },
    });
  });
});

describe('the new-campaign form', { timeout: 60_000 }, () => {
  it('speaks English in English: its labels and placeholders, and it offers subjects by name, not codes to type', async () => {
    serve(() => json(201, {}));
    tab('en');
    const f = await form();
    const labels = [...f.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Name', 'Period', 'Subject', 'Type', 'Risk flags', 'Region', 'Title keywords']);
    const placeholders = [...f.querySelectorAll('input, .ant-select-placeholder')].map((el) => el.getAttribute('placeholder') ?? el.textContent ?? '');
    expect(placeholders.filter((p) => chinese.test(p))).toEqual([]);
    expect(f.textContent).not.toMatch(chinese);
    expect(f.textContent).not.toMatch(/wage_arrears|逗号分隔|comma separated/);
    // The subjects are the catalog's, by their English names.
    const subjects = f.querySelector<HTMLInputElement>('#campaign_rules_subjectCodes')!;
    fireEvent.mouseDown(subjects);
    expect(await screen.findByText('Wage arrears')).toBeTruthy();
    expect(screen.getByText('Social insurance')).toBeTruthy();
  });

  it('refuses a name of spaces under the name, sending nothing', async () => {
    const fetch = serve(() => json(201, {}));
    tab('zh');
    const f = await form();
    fireEvent.change(f.querySelector('#campaign_name')!, { target: { value: '   ' } });
    fireEvent.click(within(f).getByRole('button', { name: /创\s*建/ }));
    await waitFor(() => expect(errorsUnder('name')).toEqual(['请填写专项行动名称']));
    expect(posts(fetch)).toEqual([]);
  });

  it.each([
    [
      'an unknown subject under the subjects',
      400,
      { code: 'CAMPAIGN_RULE_UNKNOWN', field: 'body.rules.subjectCodes', message: '诉求事项不存在：no_such_code' },
      'rules_subjectCodes',
    ],
    ['a name taken under the name', 409, { code: 'CAMPAIGN_NAME_TAKEN', field: 'body.name', message: '本单位已有同名的专项行动' }, 'name'],
    [
      'a region outside the unit’s area under the regions',
      422,
      { code: 'CAMPAIGN_REGION_OUT_OF_SCOPE', field: 'body.rules.divisionPrefixes', message: '超出所属单位的辖区：1502' },
      'rules_divisionPrefixes',
    ],
  ])('puts the server’s refusal of %s, not in a raw toast', async (_what, status, r, field) => {
    const refusal = { code: r.code, message: '输入有误', requestId: 'r', details: { fields: [{ field: r.field, message: r.message }] } };
    const fetch = serve(() => json(status, refusal));
    tab('zh');
    const f = await form();
    await fill(f, { subject: '拖欠工资' });
    await act(async () => {
      fireEvent.click(within(f).getByRole('button', { name: /创\s*建/ }));
    });
    await waitFor(() => expect(posts(fetch)).toHaveLength(1));
    const [input, init] = posts(fetch)[0]!;
    const sent = JSON.parse(String(typeof input === 'string' ? init?.body : await input.clone().text()));
    expect(sent).toMatchObject({ name: '冬季专项', from: '2026-11-01', to: '2026-11-30', rules: { subjectCodes: ['wage_arrears'] } });
    await waitFor(() => expect(errorsUnder(field)).toEqual([r.message]));
    expect(document.body.textContent).not.toMatch(/body\.|输入有误/);
  });

  it('asks for at least one rule before sending', async () => {
    const fetch = serve(() => json(201, {}));
    tab('zh');
    const f = await form();
    await fill(f, {});
    await act(async () => {
      fireEvent.click(within(f).getByRole('button', { name: /创\s*建/ }));
    });
    await waitFor(() =>
      expect(f.closest('.ant-card')!.querySelector('.ant-alert')?.textContent).toBe('请至少设置一条规则（诉求事项、类型、风险标识、地区或关键词）'),
    );
    expect(posts(fetch)).toEqual([]);
  });
});

/** A name and November 2026, typed; and a subject picked by its name. */
async function fill(f: HTMLFormElement, o: { subject?: string }) {
  fireEvent.change(f.querySelector('#campaign_name')!, { target: { value: '冬季专项' } });
  const [start, end] = [...f.querySelectorAll<HTMLInputElement>('.ant-picker-range input')];
  for (const [input, value] of [
    [start!, '2026-11-01'],
    [end!, '2026-11-30'],
  ] as const) {
    fireEvent.mouseDown(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
  }
  if (o.subject) {
    fireEvent.mouseDown(f.querySelector('#campaign_rules_subjectCodes')!);
    fireEvent.click(await screen.findByTitle(o.subject));
  }
}

const stats = (orders: number): CampaignStats =>
  ({
    campaign: { id: 'k', name: 'Winter', description: null, unitId: 'u', from: '2026-11-01', to: '2026-11-30', rules: {}, createdAt: '' },
    figures: { orders, completed: orders ? 45 : 0, amountInvolvedYuan: 0, amountRecoveredYuan: orders ? 7224899 : 0, workersInvolved: 0, workersHelped: 0 },
    bySubject: orders ? [{ code: 'wage_arrears', name: '拖欠工资', orders, amountRecoveredYuan: 0, amountInvolvedYuan: 0 }] : [],
    byType: [],
    byCity: [],
    byIndustry: orders
      ? [
          { code: 'E', name: '建筑业', orders: 50, amountRecoveredYuan: 0, amountInvolvedYuan: 0 },
          { code: 'unknown', name: '未识别', orders: orders - 50, amountRecoveredYuan: 0, amountInvolvedYuan: 0 },
        ]
      : [],
    byDay: [],
  }) as unknown as CampaignStats;

/** jsdom draws nothing: a canvas whose 2D context takes every call (the charts are not what these tests read). */
function blankCanvas() {
  const context = () => {
    const set: Record<PropertyKey, unknown> = {};
    return new Proxy(set, {
      get: (o, k) => (k in o ? o[k] : () => ({ width: 0 })),
      set: (o, k, v) => ((o[k] = v), true),
    });
  };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(context as never);
}

function card(s: CampaignStats, lang: Lang) {
  serve(() => json(201, {}));
  blankCanvas();
  render(
    <I18nProvider initial={lang}>
      <App>
        <CampaignStatsCard stats={s} />
      </App>
    </I18nProvider>,
  );
  return screen.getByTestId('campaign-stats');
}

describe('a campaign’s figures', { timeout: 60_000 }, () => {
  it('name its industries and say its summary in English, without Chinese punctuation', () => {
    const c = card(stats(79), 'en');
    expect(c.querySelector('.ant-card-head-title')!.textContent).toBe('Winter: 79 orders, completion rate 57.0%, 7,224,899 yuan recovered');
    const industries = [...within(screen.getByTestId('campaign-industries')).getAllByRole('row')].slice(1).map((r) => r.querySelector('td')!.textContent);
    expect(industries).toEqual(['Construction', 'Not recognised']);
  });

  it('have English for every industry the server reads from an employer’s name', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../../../server/src/analytics/domain/industry.ts'), 'utf8');
    const names = [...source.matchAll(/\bname: '([^']+)'/g)].map((m) => m[1]!);
    expect(names).toHaveLength(16);
    expect(names.filter((n) => !(n in en))).toEqual([]);
  });

  it('say so when no order matches, instead of drawing an empty axis', () => {
    const c = card(stats(0), 'zh');
    expect(c.textContent).toContain('期间内暂无符合规则的工单');
    expect(c.querySelector('canvas, [data-testid="campaign-industries"]')).toBeNull();
  });
});
