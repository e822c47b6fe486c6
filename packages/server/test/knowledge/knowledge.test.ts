import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ok, type Client } from '../support/order-helpers.js';
import { expectError, sessionCookie, tinyPdf, tinyPng } from '../orders/http.js';
import { starterArticles } from '../../src/knowledge/seed/index.js';

/** The knowledge base and search end to end over HTTP, on a real installed database. */
let t: TestApp;
let agent: Client, editor: Client, editor2: Client, handler: Client, dispatcher: Client;

type Hit = { articleId: string; title: string; snippet: string; highlights: [number, number][]; score: number };
type Article = { id: string; version: number; status: string; title: string; publishedVersion: number | null; [k: string]: any };

const search = async (c: Client, q: string, extra = '') =>
  ok<{ searchId: number; items: Hit[] }>(c.get(`/api/knowledge/search?q=${encodeURIComponent(q)}${extra}`));
const newOrder = (over: Record<string, unknown> = {}) => ({
  channel: 'phone',
  callers: [{ name: '王先生', phone: '13904712345' }],
  employer: { name: '呼和浩特市某某建筑劳务有限公司' },
  place: { text: '呼和浩特市新城区', divisionCode: '150102' },
  narrative: '反映建筑公司拖欠工资三个月，共十二人。',
  typeCode: 'complaint',
  subjectCode: 'wage_arrears',
  ...over,
});
const draft = (over: Record<string, unknown> = {}) => ({
  kind: 'local_policy',
  title: '呼和浩特市农民工欠薪应急周转金',
  body: '呼和浩特市设立农民工欠薪应急周转金，用于垫付农民工被拖欠的工资。申请须经人社部门核实。',
  subjects: ['wage_arrears'],
  regions: ['150100'],
  citations: ['《保障农民工工资支付条例》第三条'],
  issuingBody: '呼和浩特市人民政府',
  ...over,
});

beforeAll(async () => {
  t = await createTestApp();
  agent = await t.login('agent');
  editor = await t.login('editor');
  editor2 = await t.login('editor2');
  handler = await t.login('handler');
  dispatcher = await t.login('dispatcher');
});
afterAll(async () => t.close());

describe('the starter set', () => {
  it('is installed and published, every law citing its articles', async () => {
    const list = await ok<{ items: Article[]; total: number }>(editor.get('/api/knowledge/articles?limit=200'));
    expect(list.total).toBe(starterArticles.length);
    expect(starterArticles.length).toBeGreaterThanOrEqual(60);
    expect(list.items.every((a) => a.status === 'published' && a.publishedVersion === 1)).toBe(true);
    expect(list.items.filter((a) => a.kind === 'law').every((a) => a.citations.length > 0)).toBe(true);
  });
});

describe('search', () => {
  it('finds the double-wages article for a caller who was never given a contract, with highlights', async () => {
    const r = await search(agent, '干了半年老板一直不跟我签合同，能要双倍工资吗');
    expect(r.items[0]!.title).toBe('未签书面劳动合同的二倍工资');
    const hit = r.items[0]!;
    for (const [a, b] of hit.highlights) expect(b).toBeGreaterThan(a);
    expect(hit.highlights.length).toBeGreaterThan(0);
  });

  it('uses the synonyms: 讨薪 finds the wage articles', async () => {
    const r = await search(agent, '讨薪');
    expect(r.items.map((h) => h.title)).toContain('工资应当按月足额以货币支付，不得克扣或无故拖欠');
  });

  it('matches pinyin initials of titles', async () => {
    const r = await search(agent, 'jyxz');
    expect(r.items[0]!.title).toBe('竞业限制：对象、期限和经济补偿');
  });

  it('a search that finds nothing is on the editors’ to-write list, with the use of an article', async () => {
    const none = await search(agent, '宠物寄养');
    expect(none.items).toEqual([]);
    const gaps = await ok<{ noResults: { query: string }[] }>(editor.get('/api/knowledge/gaps'));
    expect(gaps.noResults.map((g) => g.query)).toContain('宠物寄养');
    await expectError(agent.get('/api/knowledge/gaps'), 403, 'ROLE_REQUIRED');
  });

  it('rejects an empty query with a field message', async () => {
    await expectError(agent.get('/api/knowledge/search?q=%20'), 400, 'SEARCH_QUERY_EMPTY');
  });
});

describe('local policies by province', () => {
  const titles = async (c: Client, q: string, extra = '') => (await search(c, q, extra)).items.map((h) => h.title);
  it("an agent sees their own province's policy first and no other province's, unless the caller's region names it", async () => {
    const home = await titles(agent, '最低工资是多少');
    expect(home[0]).toBe('内蒙古自治区最低工资标准');
    expect(home).toContain('最低工资标准');
    expect(home).not.toContain('重庆市最低工资标准');
    expect(home).not.toContain('陕西省最低工资标准');
    // A caller in Chongqing (渝中区): Chongqing's policy first, Inner Mongolia's left out.
    const chongqing = await titles(agent, '最低工资是多少', '&regionCode=500103');
    expect(chongqing[0]).toBe('重庆市最低工资标准');
    expect(chongqing).not.toContain('内蒙古自治区最低工资标准');
    const suggested = await ok<{ items: Hit[] }>(agent.get(`/api/knowledge/suggestions?text=${encodeURIComponent('老板给的工资比最低工资还低')}`));
    expect(suggested.items.map((h) => h.title)).not.toContain('陕西省最低工资标准');
  });

  it('the article list follows the same rule; editors see every province', async () => {
    const list = async (c: Client, extra = '') =>
      (await ok<{ items: Article[] }>(c.get(`/api/knowledge/articles?kind=local_policy&limit=200${extra}`))).items.map((a) => a.title);
    expect(await list(agent)).toContain('内蒙古自治区最低工资标准');
    expect(await list(agent)).not.toContain('陕西省最低工资标准');
    expect(await list(agent, '&regionCode=610000')).toEqual(['陕西省最低工资标准']);
    expect(await list(editor)).toEqual(expect.arrayContaining(['内蒙古自治区最低工资标准', '重庆市最低工资标准', '陕西省最低工资标准']));
    await expectError(agent.get('/api/knowledge/articles?regionCode=61'), 400, 'VALIDATION_FAILED');
  });
});

describe('editorial workflow', () => {
  let a: Article;
  it('draft → review by another editor → publish; agents see it only then, ranked first in its region', async () => {
    a = await ok<Article>(editor.post('/api/knowledge/articles', draft()), 201);
    expect(a.status).toBe('draft');
    await expectError(agent.get(`/api/knowledge/articles/${a.id}`), 404, 'KB_ARTICLE_NOT_FOUND');
    await expectError(agent.post('/api/knowledge/articles', draft()), 403, 'KB_EDITOR_REQUIRED');
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/submit`, { version: a.version }));
    await expectError(editor.post(`/api/knowledge/articles/${a.id}/review`, { version: a.version, decision: 'approve' }), 403, 'KB_SELF_REVIEW');
    await expectError(editor.post(`/api/knowledge/articles/${a.id}/publish`, { version: a.version }), 409, 'KB_INVALID_TRANSITION');
    a = await ok<Article>(editor2.post(`/api/knowledge/articles/${a.id}/review`, { version: a.version, decision: 'approve', note: '核对无误' }));
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/publish`, { version: a.version }));
    expect(a.status).toBe('published');

    const inHohhot = await search(agent, '农民工欠薪垫付', '&regionCode=150102');
    expect(inHohhot.items[0]!.articleId).toBe(a.id);
    const elsewhere = await search(agent, '农民工欠薪垫付', '&regionCode=150202');
    expect(elsewhere.items.map((h) => h.articleId)).not.toContain(a.id);
  });

  it('an edit is a new draft version; the published one stays; versions show the diff', async () => {
    const edited = await ok<Article>(
      editor.put(`/api/knowledge/articles/${a.id}`, { ...draft({ body: `${draft().body as string}\n咨询电话：12333。` }), version: a.version }),
    );
    expect(edited).toMatchObject({ version: 2, status: 'draft', publishedVersion: 1 });
    const seen = await ok<Article>(agent.get(`/api/knowledge/articles/${a.id}`));
    expect(seen.version).toBe(1);
    expect(seen.body).not.toContain('12333');
    await expectError(editor.put(`/api/knowledge/articles/${a.id}`, { ...draft(), version: 1 }), 409, 'VERSION_CONFLICT');
    const versions = await ok<{ version: number; published: boolean; changes: { body: { op: string; text: string }[] } }[]>(
      editor.get(`/api/knowledge/articles/${a.id}/versions`),
    );
    expect(versions.map((v) => [v.version, v.published])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(versions[1]!.changes.body).toContainEqual({ op: 'added', text: '咨询电话：12333。' });
  });

  it('an article past its review date is hidden from agents and listed for editors', async () => {
    const b = await ok<Article>(editor.post('/api/knowledge/articles', draft({ title: '过期政策示例', reviewBy: '2026-11-01', submit: true })), 201);
    await ok(editor2.post(`/api/knowledge/articles/${b.id}/review`, { version: 1, decision: 'approve' }));
    await ok(editor.post(`/api/knowledge/articles/${b.id}/publish`, { version: 1 }));
    await expectError(agent.get(`/api/knowledge/articles/${b.id}`), 404, 'KB_ARTICLE_NOT_FOUND');
    expect((await search(agent, '过期政策示例', '&regionCode=150102')).items.map((h) => h.articleId)).not.toContain(b.id);
    const stale = await ok<{ items: Article[] }>(editor.get('/api/knowledge/articles?stale=true'));
    expect(stale.items.map((x) => x.id)).toContain(b.id);
  });

  it('an expiry or review date outside 2000–2099 is refused; a law in force since before then keeps its date', async () => {
    for (const field of ['expiresOn', 'reviewBy']) {
      const res = await editor.post('/api/knowledge/articles', draft({ title: `日期范围${field}`, [field]: '9999-12-31' }));
      expect([res.statusCode, res.json().details?.fields], res.body).toEqual([400, [{ field: `body.${field}`, message: '日期应在 2000 年至 2099 年之间' }]]);
    }
    await ok(editor.post('/api/knowledge/articles', draft({ title: '劳动法施行日期', effectiveFrom: '1995-01-01' })), 201);
  });

  it('a version submitted for review is announced to the other editors, not its author, and waits in their 待我审核', async () => {
    type Note = { kind: string; title: string; body: string | null; data: { articleId?: string; version?: number; path?: string } | null };
    const asked = async (c: Client, id: string) =>
      (await ok<{ items: Note[] }>(c.get('/api/notifications?limit=100'))).items.filter(
        (n) => n.kind === 'knowledge.review_requested' && n.data?.articleId === id,
      );
    const reviewable = async (c: Client) => (await ok<{ items: Article[] }>(c.get('/api/knowledge/articles?reviewable=true&limit=200'))).items.map((x) => x.id);

    const c = await ok<Article>(editor.post('/api/knowledge/articles', draft({ title: '待审核通知示例', submit: true, note: '新增周转金条目' })), 201);
    await t.app.jobs.runDue();
    expect(await asked(editor2, c.id)).toEqual([
      expect.objectContaining({
        title: '知识条目待审核：待审核通知示例',
        body: '冯雪（知识库编辑） 提交了第 1 版：新增周转金条目',
        data: { articleId: c.id, version: 1, path: `/knowledge?tab=review&article=${c.id}` },
      }),
    ]);
    expect(await asked(editor, c.id)).toEqual([]);
    expect(await reviewable(editor2)).toContain(c.id);
    expect(await reviewable(editor)).not.toContain(c.id);
    await expectError(agent.get('/api/knowledge/articles?reviewable=true'), 403, 'ROLE_REQUIRED');

    // Sent back, submitted again: asked again.
    const back = await ok<Article>(editor2.post(`/api/knowledge/articles/${c.id}/review`, { version: 1, decision: 'reject', note: '补充申请条件' }));
    expect(await reviewable(editor2)).not.toContain(c.id);
    await ok(editor.post(`/api/knowledge/articles/${c.id}/submit`, { version: back.version }));
    await t.app.jobs.runDue();
    expect(await asked(editor2, c.id)).toHaveLength(2);
    expect(await reviewable(editor2)).toContain(c.id);
    // An edit of the published article submitted at once: asked too, for its version 2.
    await ok(editor2.post(`/api/knowledge/articles/${c.id}/review`, { version: 1, decision: 'approve' }));
    const live = await ok<Article>(editor.post(`/api/knowledge/articles/${c.id}/publish`, { version: 1 }));
    await ok(editor.put(`/api/knowledge/articles/${c.id}`, { ...draft({ title: '待审核通知示例' }), version: live.version, submit: true }));
    await t.app.jobs.runDue();
    expect((await asked(editor2, c.id)).map((n) => n.data?.version)).toContain(2);
    expect(await asked(editor, c.id)).toEqual([]);
  });

  it('a local policy without region or issuing body is refused with field messages', async () => {
    const r = await editor.post('/api/knowledge/articles', draft({ regions: [], issuingBody: null }));
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('KB_ARTICLE_INVALID');
  });
});

describe('rich text and files', () => {
  const uploadTo = async (username: string, articleId: string, file: { name: string; bytes: Buffer }, field = 'file') => {
    const cookie = await sessionCookie(t, username);
    const boundary = `----kb${Math.random().toString(36).slice(2)}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/api/knowledge/articles/${articleId}/files`,
      payload,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };

  it('a Markdown body is searched and answered as plain text; files are typed by content and read by whoever may read the article', async () => {
    const body = '## 申请条件\n- **持有**工会会员证的困难职工\n- 见[申请表](https://example.gov.cn/form)\n<b>原样显示</b>';
    let a = await ok<Article>(
      editor.post('/api/knowledge/articles', draft({ kind: 'procedure', title: '困难职工帮扶申请表填写说明', body, regions: [], issuingBody: null })),
      201,
    );
    expect(a.body).toBe(body);
    const pdf = await ok<{ id: string; name: string; contentType: string; size: number }>(
      uploadTo('editor', a.id, { name: '申请表.pdf', bytes: tinyPdf() }),
      201,
    );
    expect(pdf).toMatchObject({ name: '申请表.pdf', contentType: 'application/pdf' });
    await expectError(uploadTo('editor', a.id, { name: 'notes.txt', bytes: Buffer.from('只是一段文字') }), 400, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    await expectError(uploadTo('agent', a.id, { name: 'a.png', bytes: tinyPng() }), 403, 'KB_EDITOR_REQUIRED');
    // A draft's file is not an agent's to read.
    await expectError(agent.get(`/api/knowledge/articles/${a.id}/files/${pdf.id}`), 404, 'KB_ARTICLE_NOT_FOUND');
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/submit`, { version: a.version }));
    a = await ok<Article>(editor2.post(`/api/knowledge/articles/${a.id}/review`, { version: a.version, decision: 'approve' }));
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/publish`, { version: a.version }));
    const seen = await ok<Article>(agent.get(`/api/knowledge/articles/${a.id}`));
    expect(seen.files.map((f: { name: string }) => f.name)).toEqual(['申请表.pdf']);
    const download = await agent.get(`/api/knowledge/articles/${a.id}/files/${pdf.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(tinyPdf())).toBe(true);
    // The index and the snippet hold the words, not the markup.
    const hit = (await search(agent, '困难职工帮扶申请表')).items.find((h) => h.articleId === a.id)!;
    expect(hit.snippet).not.toContain('**');
    expect(hit.snippet).not.toContain('##');
  });

  it('files belong to versions: a published version keeps its files while the next is drafted; the history shows each version’s', async () => {
    let a = await ok<Article>(
      editor.post('/api/knowledge/articles', draft({ kind: 'procedure', title: '工伤认定申请材料清单', regions: [], issuingBody: null })),
      201,
    );
    const form = await ok<{ id: string }>(uploadTo('editor', a.id, { name: '申请表.pdf', bytes: tinyPdf() }), 201);
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/submit`, { version: a.version }));
    // In review, approved or published, a version's files are what the reviewer read: they do not change.
    await expectError(uploadTo('editor', a.id, { name: '示意图.png', bytes: tinyPng() }), 409, 'KB_FILES_LOCKED');
    await expectError(editor.del(`/api/knowledge/articles/${a.id}/files/${form.id}`), 409, 'KB_FILES_LOCKED');
    a = await ok<Article>(editor2.post(`/api/knowledge/articles/${a.id}/review`, { version: a.version, decision: 'approve' }));
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/publish`, { version: a.version }));
    await expectError(uploadTo('editor', a.id, { name: '示意图.png', bytes: tinyPng() }), 409, 'KB_FILES_LOCKED');

    // Version 2 is drafted: it starts with version 1's files; the editor replaces the form and adds a picture.
    a = await ok<Article>(
      editor.put(`/api/knowledge/articles/${a.id}`, {
        ...draft({ kind: 'procedure', title: '工伤认定申请材料清单（2026 版）', regions: [], issuingBody: null }),
        version: a.version,
      }),
    );
    expect(a.files.map((f: { name: string }) => f.name)).toEqual(['申请表.pdf']);
    await expectError(editor.del(`/api/knowledge/articles/${a.id}/files/00000000-0000-4000-8000-000000000000`), 404, 'KB_FILE_NOT_FOUND');
    expect((await editor.del(`/api/knowledge/articles/${a.id}/files/${form.id}`)).statusCode).toBe(204);
    const newForm = await ok<{ id: string }>(uploadTo('editor', a.id, { name: '申请表（2026）.pdf', bytes: tinyPdf() }), 201);
    const picture = await ok<{ id: string }>(uploadTo('editor', a.id, { name: '示意图.png', bytes: tinyPng() }), 201);
    // A file added and taken out of the same draft is gone altogether.
    expect((await editor.del(`/api/knowledge/articles/${a.id}/files/${picture.id}`)).statusCode).toBe(204);
    await expectError(editor.get(`/api/knowledge/articles/${a.id}/files/${picture.id}`), 404, 'KB_FILE_NOT_FOUND');

    // The agent still reads version 1 with its form; the draft's file is not theirs to read.
    const seen = await ok<Article>(agent.get(`/api/knowledge/articles/${a.id}`));
    expect([seen.version, seen.files.map((f: { name: string }) => f.name)]).toEqual([1, ['申请表.pdf']]);
    expect((await agent.get(`/api/knowledge/articles/${a.id}/files/${form.id}`)).statusCode).toBe(200);
    await expectError(agent.get(`/api/knowledge/articles/${a.id}/files/${newForm.id}`), 404, 'KB_FILE_NOT_FOUND');
    // The editor sees the working version's files, and each version's in the history.
    expect((await ok<Article>(editor.get(`/api/knowledge/articles/${a.id}`))).files.map((f: { name: string }) => f.name)).toEqual(['申请表（2026）.pdf']);
    const history = await ok<{ version: number; files: { name: string }[] }[]>(editor.get(`/api/knowledge/articles/${a.id}/versions`));
    expect(history.map((v) => [v.version, v.files.map((f) => f.name)])).toEqual([
      [1, ['申请表.pdf']],
      [2, ['申请表（2026）.pdf']],
    ]);
    // An editor may still download an earlier version's file.
    expect((await editor.get(`/api/knowledge/articles/${a.id}/files/${form.id}`)).statusCode).toBe(200);

    // Version 2 published: the agent now gets its files, and version 1's form is no longer theirs.
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/submit`, { version: a.version }));
    a = await ok<Article>(editor2.post(`/api/knowledge/articles/${a.id}/review`, { version: a.version, decision: 'approve' }));
    a = await ok<Article>(editor.post(`/api/knowledge/articles/${a.id}/publish`, { version: a.version }));
    expect((await ok<Article>(agent.get(`/api/knowledge/articles/${a.id}`))).files.map((f: { name: string }) => f.name)).toEqual(['申请表（2026）.pdf']);
    expect((await agent.get(`/api/knowledge/articles/${a.id}/files/${newForm.id}`)).statusCode).toBe(200);
    await expectError(agent.get(`/api/knowledge/articles/${a.id}/files/${form.id}`), 404, 'KB_FILE_NOT_FOUND');
  });

  it('decides permission from the path before reading the body (issue 10, item 4): a refused oversize upload is 403/404, not 413', async () => {
    const a = await ok<Article>(editor.post('/api/knowledge/articles', draft({ title: '上传权限先于请求体判断' })), 201);
    // Over the 10 MB limit: had the body been read first, each would answer 413 KB_FILE_TOO_LARGE.
    const big = { name: 'big.png', bytes: Buffer.concat([tinyPng(), Buffer.alloc(11 * 1024 * 1024, 1)]) };
    await expectError(uploadTo('agent', a.id, big), 403, 'KB_EDITOR_REQUIRED');
    await expectError(uploadTo('editor', '00000000-0000-4000-8000-000000000000', big), 404, 'KB_ARTICLE_NOT_FOUND');
    await expectError(uploadTo('editor', a.id, big), 413, 'KB_FILE_TOO_LARGE');
  });

  it('takes the file from the part named `file` only: a part under another name is no file, and nothing is stored', async () => {
    const a = await ok<Article>(editor.post('/api/knowledge/articles', draft({ title: '附件须以 file 字段上传' })), 201);
    const missing = await expectError(uploadTo('editor', a.id, { name: 'a.png', bytes: tinyPng() }, 'upload'), 400, 'KB_FILE_MISSING');
    expect(missing.details?.fields).toEqual([{ field: 'file', message: '缺少文件' }]);
    expect((await ok<Article>(editor.get(`/api/knowledge/articles/${a.id}`))).files).toEqual([]);
  });
});

describe('answering with an article', () => {
  it('closes a consultation on the spot, records the use, marks the search clicked', async () => {
    const o = await ok<any>(
      agent.post('/api/orders', newOrder({ typeCode: 'consult', subjectCode: 'labor_contract', narrative: '咨询：公司一直不签劳动合同，能要双倍工资吗？' })),
      201,
    );
    const s = await search(agent, '不签劳动合同双倍工资');
    const article = s.items[0]!;
    const closed = await ok<any>(
      agent.post(`/api/orders/${o.id}/answer-with-article`, { articleId: article.articleId, version: o.version, searchId: s.searchId }),
    );
    expect(closed.state).toBe('closed_at_intake');
    expect(closed.answer).toContain(article.title);
    const events = await ok<{ action: string; data: any }[]>(agent.get(`/api/orders/${o.id}/events`));
    expect(events.at(-1)).toMatchObject({ action: 'answer_with_article', data: { article: { id: article.articleId } } });
    expect(await ok(agent.get(`/api/orders/${o.id}/articles`))).toMatchObject([{ articleId: article.articleId }]);
    const gaps = await ok<{ mostUsed: { articleId: string; uses: number }[]; notClicked: { query: string }[] }>(editor.get('/api/knowledge/gaps'));
    expect(gaps.mostUsed[0]).toMatchObject({ articleId: article.articleId, uses: 1 });
    expect(gaps.notClicked.map((g) => g.query)).not.toContain('不签劳动合同双倍工资');
  });

  it('on a complaint it only records the use; the order stays open', async () => {
    const o = await ok<any>(agent.post('/api/orders', newOrder()), 201);
    const article = (await search(agent, '拖欠工资')).items[0]!;
    const after = await ok<any>(agent.post(`/api/orders/${o.id}/answer-with-article`, { articleId: article.articleId, version: o.version }));
    expect(after.state).toBe('pending_dispatch');
    expect(after.version).toBe(o.version);
  });

  it('a handler of another unit gets a 404 for an order out of sight', async () => {
    const o = await ok<any>(agent.post('/api/orders', newOrder({ typeCode: 'consult' })), 201);
    const article = (await search(agent, '拖欠工资')).items[0]!;
    await expectError(handler.post(`/api/orders/${o.id}/answer-with-article`, { articleId: article.articleId, version: o.version }), 404, 'ORDER_NOT_FOUND');
  });
});

describe('order search', () => {
  it('工资拖欠 finds 拖欠工资 orders in the list and in searchOrders', async () => {
    const o = await ok<any>(agent.post('/api/orders', newOrder({ narrative: '工人反映被拖欠工资两个月' })), 201);
    const list = await ok<{ items: { id: string }[] }>(dispatcher.get(`/api/orders?q=${encodeURIComponent('工资拖欠')}`));
    expect(list.items.map((i) => i.id)).toContain(o.id);
    const found = await ok<{ items: { id: string }[] }>(dispatcher.get(`/api/orders/search?q=${encodeURIComponent('工资 拖欠')}`));
    expect(found.items.map((i) => i.id)).toContain(o.id);
  });

  it('listOrders q= reads words, numbers and normalised employers, never substrings; only orders in reach', async () => {
    const o = await ok<any>(
      agent.post(
        '/api/orders',
        newOrder({ narrative: '反映包工头欠薪，十几个人年底讨不到钱', employer: { name: '包头市恒达钢结构工程有限公司' }, place: { text: '包头市昆都仑区' } }),
      ),
      201,
    );
    const ids = async (c: Client, q: string) =>
      (await ok<{ items: { id: string }[] }>(c.get(`/api/orders?q=${encodeURIComponent(q)}&limit=200`))).items.map((i) => i.id);
    // 工资拖欠 is a synonym of 欠薪: the words, in any order or with a synonym.
    expect(await ids(dispatcher, '工资拖欠')).toContain(o.id);
    expect(await ids(dispatcher, '包工头 讨不到钱')).toContain(o.id);
    // The number whole or its tail as read out on the phone; the employer under another legal form.
    expect(await ids(dispatcher, o.number)).toEqual([o.id]);
    expect(await ids(dispatcher, o.number.slice(-13))).toContain(o.id);
    expect(await ids(dispatcher, '包头市恒达钢结构工程有限责任公司')).toContain(o.id);
    // A piece of a word is not a word: no substring scan of the texts.
    expect(await ids(dispatcher, '头欠')).not.toContain(o.id);
    // The access rule still applies: a handler of a county the order never reached does not find it.
    expect(await ids(handler, '工资拖欠')).not.toContain(o.id);
    expect(await ids(handler, o.number)).toEqual([]);
  });

  it('employer names normalised: 某某建筑劳务 finds 某某建筑劳务有限公司', async () => {
    const found = await ok<{ items: { id: string }[]; total: number }>(
      dispatcher.get(`/api/orders/search?employer=${encodeURIComponent('呼和浩特市某某建筑劳务有限责任公司')}`),
    );
    expect(found.total).toBeGreaterThan(0);
  });

  it('a masked role searches by a whole phone number only; the agent may use part of it', async () => {
    await expectError(dispatcher.get('/api/orders/search?phone=13904'), 400, 'ORDER_PHONE_SEARCH_WHOLE_NUMBER');
    expect((await ok<{ total: number }>(dispatcher.get('/api/orders/search?phone=13904712345'))).total).toBeGreaterThan(0);
    expect((await ok<{ total: number }>(agent.get('/api/orders/search?phone=2345'))).total).toBeGreaterThan(0);
    await expectError(dispatcher.get('/api/orders/search'), 400, 'SEARCH_CRITERIA_REQUIRED');
  });
});

describe('synonyms', () => {
  it('editors add a group and the next search uses it', async () => {
    expect((await search(agent, '薪水被压')).items.length).toBe(0);
    await expectError(agent.post('/api/knowledge/synonyms', { words: ['压工资', '拖欠工资'] }), 403, 'ROLE_REQUIRED');
    await ok(editor.post('/api/knowledge/synonyms', { words: ['薪水被压', '拖欠工资'] }), 201);
    expect((await search(agent, '薪水被压')).items.length).toBeGreaterThan(0);
  });
});

describe('suggestions', () => {
  it('the five best for a narrative, nothing logged', async () => {
    const r = await ok<{ items: Hit[] }>(
      agent.get(`/api/knowledge/suggestions?text=${encodeURIComponent('来电人称在工地干活时从脚手架上摔下来，腿骨折了，老板不给报工伤')}`),
    );
    expect(r.items.length).toBe(5);
    expect(
      r.items
        .slice(0, 3)
        .map((h) => h.title)
        .join(),
    ).toContain('工伤');
  });

  it('marks the narrative’s words, not every single character of it (腿, 摔) wherever it occurs', async () => {
    const r = await ok<{ items: (Hit & { title: string; titleHighlights: [number, number][] })[] }>(
      agent.get(`/api/knowledge/suggestions?text=${encodeURIComponent('来电人称在工地干活时从脚手架上摔下来，腿骨折了，老板不给报工伤')}`),
    );
    const marked = r.items.flatMap((h) => [...h.highlights.map(([a, b]) => h.snippet.slice(a, b)), ...h.titleHighlights.map(([a, b]) => h.title.slice(a, b))]);
    expect(marked).toContain('工伤');
    expect(marked.filter((w) => [...w].length < 2)).toEqual([]);
  });
});
