/**
 * The voice menu (IVR, 语音导航) as data: a tree of nodes, each a prompt and what it does; a menu node maps keys to
 * its child nodes. Plus the working hours and the overflow rule. The telephony system reads the exported form
 * (docs/ivr.md); the product only keeps, validates and versions it. Pure: no I/O, no clock.
 */
export const ivrNodeKinds = ['menu', 'queue', 'lawyer', 'message', 'voicemail', 'transfer'] as const;
export type IvrNodeKind = (typeof ivrNodeKinds)[number];
export const ivrKeys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
export type IvrKey = (typeof ivrKeys)[number];

export type IvrNode = {
  id: string;
  kind: IvrNodeKind;
  /** What the caller hears (text to speech, or the name of a recorded prompt). */
  prompt: string;
  /** menu: key → child node id. */
  keys?: { key: string; to: string }[] | undefined;
  /** queue: the agents' queue the caller waits in. */
  queue?: string | undefined;
  /** transfer: the number called (12345, a local union's line). */
  number?: string | undefined;
};

/**
 * One of the call centre's agent queues by name, as the desk reads it (话务记录, the screen pop): the id the menu's
 * queue nodes and the call events name, its Chinese name and, for the English interface, its English one. `centreId`
 * is the hotline centre whose agents serve it (a unit of type hotline_centre, e.g. a city's own centre: decision
 * 0002); absent, the queue is the province's centre's. A call that waited in it is that centre's even when nobody
 * answered (calls/call-reach.ts).
 */
export type IvrQueue = { id: string; nameZh: string; nameEn?: string | undefined; centreId?: string | undefined };

/** What the menu's check needs to know of the unit a queue names as its centre (the unit directory's brief). */
export type CentreLookup = (unitId: string) => { type: string; active: boolean } | undefined;

export type IvrConfig = {
  root: string;
  nodes: IvrNode[];
  /**
   * The queues by name: those the menu's nodes send callers to and any other the call centre reports (a queue an agent
   * transfers to). Absent in a menu saved before queues had names: the starter's names stand (queueDirectory).
   */
  queues?: IvrQueue[] | undefined;
  /** When agents answer; outside these hours the caller goes to `afterHours`. `days: 'all'` is a 24-hour, 7-day line. */
  hours: { days: 'all' | 'workdays'; periods: { start: string; end: string }[]; afterHours: string | null };
  /** What happens when the queue is full or the wait too long. */
  overflow: { maxWaitSeconds: number; maxQueued: number; action: 'voicemail' | 'callback' | 'transfer'; transferNumber: string | null };
};

/** How deep the menu goes: the root is level 1; callers lose their way beyond four levels. */
export const maxIvrDepth = 4;

export type IvrProblem = { field: string; message: string };

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * Every problem of a configuration, each with the field it is about (nodes.3.keys.1.to …): unknown or repeated node
 * ids, keys outside 0–9 * #, a key twice on a menu, a key to a node that does not exist (dangling), a node reached
 * twice or by a cycle, nodes nobody reaches, more than `maxIvrDepth` levels, a menu without keys, a queue without
 * its name, hours that do not parse or overlap, an overflow that names no number to transfer to, a queue whose
 * centre is not an existing, active hotline centre (`unitOf` looks the unit up).
 */
export function ivrProblems(c: IvrConfig, unitOf: CentreLookup): IvrProblem[] {
  const p: IvrProblem[] = [];
  const byId = new Map<string, number>();
  c.nodes.forEach((n, i) => {
    if (byId.has(n.id)) p.push({ field: `nodes.${i}.id`, message: `节点编号 ${n.id} 重复` });
    else byId.set(n.id, i);
  });
  if (!byId.has(c.root)) p.push({ field: 'root', message: `根节点 ${c.root} 不存在` });
  c.nodes.forEach((n, i) => {
    const keys = n.keys ?? [];
    if (n.kind === 'menu' && keys.length === 0) p.push({ field: `nodes.${i}.keys`, message: '菜单节点至少需要一个按键' });
    if (n.kind !== 'menu' && keys.length > 0) p.push({ field: `nodes.${i}.keys`, message: '只有菜单节点可以设置按键' });
    if (n.kind === 'queue' && !n.queue?.trim()) p.push({ field: `nodes.${i}.queue`, message: '请填写排队的队列名称' });
    if (n.kind === 'transfer' && !/^\d{3,20}$/.test(n.number ?? '')) p.push({ field: `nodes.${i}.number`, message: '请填写转接的电话号码（3–20 位数字）' });
    const seen = new Set<string>();
    keys.forEach((k, j) => {
      if (!(ivrKeys as readonly string[]).includes(k.key)) p.push({ field: `nodes.${i}.keys.${j}.key`, message: `按键 ${k.key} 无效，只能是 0–9、* 或 #` });
      else if (seen.has(k.key)) p.push({ field: `nodes.${i}.keys.${j}.key`, message: `按键 ${k.key} 在同一菜单中重复` });
      seen.add(k.key);
      if (!byId.has(k.to)) p.push({ field: `nodes.${i}.keys.${j}.to`, message: `按键 ${k.key} 指向的节点 ${k.to} 不存在` });
    });
  });
  // Walk from the root: a tree reaches each node once, by one key, within the depth limit.
  const reached = new Map<string, number>();
  const walk = (id: string, depth: number, field: string) => {
    const i = byId.get(id);
    if (i === undefined) return;
    if (reached.has(id)) {
      p.push({ field, message: `节点 ${id} 被多个按键指向或形成循环，语音导航应为一棵树` });
      return;
    }
    reached.set(id, depth);
    if (depth > maxIvrDepth) p.push({ field: `nodes.${i}`, message: `节点 ${id} 在第 ${depth} 层，超过 ${maxIvrDepth} 层` });
    (c.nodes[i]!.keys ?? []).forEach((k, j) => walk(k.to, depth + 1, `nodes.${i}.keys.${j}.to`));
  };
  if (byId.has(c.root)) walk(c.root, 1, 'root');
  const afterHours = c.hours.afterHours;
  c.nodes.forEach((n, i) => {
    if (!reached.has(n.id) && n.id !== afterHours) p.push({ field: `nodes.${i}.id`, message: `节点 ${n.id} 无法从根菜单到达` });
  });
  if (afterHours !== null && !byId.has(afterHours)) p.push({ field: 'hours.afterHours', message: `非工作时间节点 ${afterHours} 不存在` });
  if (afterHours !== null && afterHours === c.root) p.push({ field: 'hours.afterHours', message: '非工作时间节点不能是根菜单' });
  const periods = c.hours.periods;
  if (periods.length === 0) p.push({ field: 'hours.periods', message: '至少需要一个人工服务时段' });
  periods.forEach((t, i) => {
    if (!hhmm.test(t.start) || !hhmm.test(t.end)) p.push({ field: `hours.periods.${i}`, message: '时间格式应为 HH:MM' });
    else if (t.start >= t.end) p.push({ field: `hours.periods.${i}.end`, message: '结束时间应晚于开始时间' });
  });
  const sorted = [...periods].filter((t) => hhmm.test(t.start) && hhmm.test(t.end)).sort((a, b) => (a.start < b.start ? -1 : 1));
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.start < sorted[i - 1]!.end)
      p.push({ field: 'hours.periods', message: `时段 ${sorted[i - 1]!.start}–${sorted[i - 1]!.end} 与 ${sorted[i]!.start}–${sorted[i]!.end} 重叠` });
  const full = periods.length === 1 && periods[0]!.start === '00:00' && periods[0]!.end === '24:00';
  if (!(full && c.hours.days === 'all') && afterHours === null) p.push({ field: 'hours.afterHours', message: '不是全天候服务时，须指定非工作时间播放的节点' });
  if (c.overflow.action === 'transfer' && !/^\d{3,20}$/.test(c.overflow.transferNumber ?? ''))
    p.push({ field: 'overflow.transferNumber', message: '溢出转接须填写电话号码（3–20 位数字）' });
  const named = new Set<string>();
  (c.queues ?? []).forEach((q, i) => {
    if (named.has(q.id)) p.push({ field: `queues.${i}.id`, message: `队列 ${q.id} 的名称重复` });
    named.add(q.id);
    if (q.centreId === undefined) return;
    const unit = unitOf(q.centreId);
    if (!unit) p.push({ field: `queues.${i}.centreId`, message: `队列 ${q.id} 所属的热线中心不存在` });
    else if (unit.type !== 'hotline_centre') p.push({ field: `queues.${i}.centreId`, message: `队列 ${q.id} 所属的单位不是热线中心` });
    else if (!unit.active) p.push({ field: `queues.${i}.centreId`, message: `队列 ${q.id} 所属的热线中心已停用` });
  });
  return p;
}

/** The starter voice menu of a fresh installation: what a 12351 line plays, to be edited by the hotline. */
export const starterIvr: IvrConfig = {
  root: 'main',
  nodes: [
    {
      id: 'main',
      kind: 'menu',
      prompt: '您好，这里是12351职工服务热线。维权投诉请按1，政策法律咨询请按2，律师咨询请按3，入会及工会服务请按4，建议表扬请按5，人工服务请按0。',
      keys: [
        { key: '1', to: 'rights' },
        { key: '2', to: 'consult' },
        { key: '3', to: 'lawyer' },
        { key: '4', to: 'service' },
        { key: '5', to: 'suggest' },
        { key: '0', to: 'agent' },
      ],
    },
    {
      id: 'rights',
      kind: 'menu',
      prompt: '拖欠工资请按1，劳动合同与社会保险请按2，工伤与劳动安全请按3，其他请按0。',
      keys: [
        { key: '1', to: 'wages' },
        { key: '2', to: 'contract' },
        { key: '3', to: 'injury' },
        { key: '0', to: 'rights-other' },
      ],
    },
    { id: 'wages', kind: 'queue', prompt: '正在为您转接维权坐席，请稍候。', queue: 'rights' },
    { id: 'contract', kind: 'queue', prompt: '正在为您转接维权坐席，请稍候。', queue: 'rights' },
    { id: 'injury', kind: 'queue', prompt: '正在为您转接维权坐席，请稍候。', queue: 'rights' },
    { id: 'rights-other', kind: 'queue', prompt: '正在为您转接人工坐席，请稍候。', queue: 'general' },
    { id: 'consult', kind: 'queue', prompt: '正在为您转接咨询坐席，请稍候。', queue: 'consult' },
    { id: 'lawyer', kind: 'lawyer', prompt: '正在为您转接今日值班律师，请稍候。' },
    { id: 'service', kind: 'queue', prompt: '正在为您转接工会服务坐席，请稍候。', queue: 'general' },
    { id: 'suggest', kind: 'voicemail', prompt: '请在提示音后留下您的建议或表扬，按#号结束。' },
    { id: 'agent', kind: 'queue', prompt: '正在为您转接人工坐席，请稍候。', queue: 'general' },
    { id: 'closed', kind: 'voicemail', prompt: '现在是非人工服务时间，请在提示音后留言，我们将在工作时间回电。' },
  ],
  hours: { days: 'all', periods: [{ start: '08:00', end: '22:00' }], afterHours: 'closed' },
  overflow: { maxWaitSeconds: 120, maxQueued: 20, action: 'callback', transferNumber: null },
  queues: [
    { id: 'general', nameZh: '综合坐席', nameEn: 'General desk' },
    { id: 'rights', nameZh: '维权坐席', nameEn: 'Rights desk' },
    { id: 'consult', nameZh: '咨询坐席', nameEn: 'Consultation desk' },
    // No node of the starter menu queues here: an agent transfers a caller who needs the law (the demo's calls).
    { id: 'legal', nameZh: '法律咨询坐席', nameEn: 'Legal advice desk' },
  ],
};

/**
 * The queues by name for those who read calls: the menu's own list, or the starter's for a menu saved before queues
 * had names. An English name not given is the Chinese one. A queue not in the list is shown by its id.
 */
export function queueDirectory(c: IvrConfig): { id: string; nameZh: string; nameEn: string }[] {
  return (c.queues ?? starterIvr.queues ?? []).map((q) => ({ id: q.id, nameZh: q.nameZh, nameEn: q.nameEn || q.nameZh }));
}

/**
 * The form the telephony system reads (docs/ivr.md): the same tree with the version it came from, the time zone of
 * the hours, and each menu's keys as an object (key → node id) as dialplans take them.
 */
export function ivrExport(c: IvrConfig, meta: { version: number; savedAt: string | null }) {
  return {
    format: 'hotline-ivr/1' as const,
    version: meta.version,
    savedAt: meta.savedAt,
    timeZone: 'Asia/Shanghai' as const,
    root: c.root,
    nodes: Object.fromEntries(
      c.nodes.map((n) => [
        n.id,
        {
          kind: n.kind,
          prompt: n.prompt,
          ...(n.kind === 'menu' ? { keys: Object.fromEntries((n.keys ?? []).map((k) => [k.key, k.to])) } : {}),
          ...(n.kind === 'queue' ? { queue: n.queue ?? null } : {}),
          ...(n.kind === 'transfer' ? { number: n.number ?? null } : {}),
        },
      ]),
    ),
    hours: c.hours,
    overflow: c.overflow,
  };
}
