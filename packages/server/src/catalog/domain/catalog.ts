/**
 * The work-order catalog (taxonomy.md): codes in code, names for people. The catalog is data an administrator
 * edits; what follows is the default a new installation starts with. Orders keep codes, so a code is never
 * deleted or renamed — only its names, order and active flag change.
 */

export const typeCodes = ['consult', 'help', 'complaint', 'suggestion'] as const;
export type TypeCode = (typeof typeCodes)[number];

export const subjectCodes = [
  'wage_arrears',
  'labor_contract',
  'social_insurance',
  'work_injury',
  'working_hours',
  'labor_safety',
  'women_workers',
  'new_forms',
  'union_membership',
  'hardship_aid',
  'mutual_insurance',
  'skills_employment',
  'psych_care',
  'union_services',
] as const;
export type SubjectCode = (typeof subjectCodes)[number];

export const riskFlagCodes = ['danger', 'mass', 'repeat', 'large', 'hidden'] as const;
export type RiskFlagCode = (typeof riskFlagCodes)[number];

export type Named<C extends string = string> = { code: C; nameZh: string; nameEn: string };

export const priorities = ['normal', 'urgent', 'major'] as const;
export type Priority = (typeof priorities)[number];
export const priorityNames: Record<Priority, { zh: string; en: string }> = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '紧急', en: 'Urgent' },
  major: { zh: '重大', en: 'Major' },
};

/** Difficulty tiers named by the national federation: 一般问题, 难点问题, 特别复杂问题. */
export const tiers = ['general', 'difficult', 'complex'] as const;
export type Tier = (typeof tiers)[number];
export const tierNames: Record<Tier, { zh: string; en: string }> = {
  general: { zh: '一般', en: 'General' },
  difficult: { zh: '难点', en: 'Difficult' },
  complex: { zh: '特别复杂', en: 'Especially complex' },
};

/** The steps that carry a time limit (workflow.md). */
export const steps = ['dispatch', 'sign', 'return', 'reply', 'callback'] as const;
export type Step = (typeof steps)[number];
export const stepNames: Record<Step, { zh: string; en: string }> = {
  dispatch: { zh: '派单', en: 'Dispatch' },
  sign: { zh: '签收', en: 'Sign for' },
  return: { zh: '退单', en: 'Return' },
  reply: { zh: '办结反馈', en: 'Reply' },
  callback: { zh: '回访', en: 'Callback' },
};

const named = <C extends string>(codes: readonly C[], names: Record<C, { zh: string; en: string }>): Named<C>[] =>
  codes.map((code) => ({ code, nameZh: names[code].zh, nameEn: names[code].en }));
export const priorityList = named(priorities, priorityNames);
export const tierList = named(tiers, tierNames);
export const stepList = named(steps, stepNames);

export type CatalogType = Named & { description: string; defaultPath: string; sortOrder: number; active: boolean };
export type CatalogSubject = Named & { description: string; usualTypes: string[]; sortOrder: number; active: boolean };
export type RiskFlag = Named & { description: string; sortOrder: number; active: boolean };

/** Thresholds behind the suggested risk flags (orders/domain/risk-flags.ts applies them). */
export type Thresholds = { massWorkers: number; largeAmount: number; repeatCount: number; repeatWindowDays: number };
export const defaultThresholds: Thresholds = { massWorkers: 10, largeAmount: 500_000, repeatCount: 3, repeatWindowDays: 30 };

export const thresholdsKey = 'catalog.thresholds';
export const catalogVersionKey = 'catalog.version';

const ordered = <T>(entries: Omit<T, 'sortOrder' | 'active'>[]): T[] => entries.map((e, i) => ({ ...e, sortOrder: (i + 1) * 10, active: true }) as T);

export const defaultTypes: CatalogType[] = ordered<CatalogType>([
  {
    code: 'consult',
    nameZh: '咨询',
    nameEn: 'Consultation',
    description: '来电人了解政策、办事程序或应去何处办理',
    defaultPath: '依据知识库当场解答；无法当场解答的才形成工单派出',
  },
  {
    code: 'help',
    nameZh: '求助',
    nameEn: 'Help',
    description: '来电人请工会为其办事（帮扶、入会、服务等）',
    defaultPath: '1 个工作小时内派至属地工会办理',
  },
  {
    code: 'complaint',
    nameZh: '投诉',
    nameEn: 'Complaint',
    description: '来电人（或群体）的权益受到用人单位或他方侵害',
    defaultPath: '派单办理；复杂的与政府有关部门协同办理',
  },
  {
    code: 'suggestion',
    nameZh: '建议',
    nameEn: 'Suggestion',
    description: '对政策或工会工作提出的意见、建议',
    defaultPath: '转责任部门办理，不设回访期限',
  },
]);

export const defaultSubjects: CatalogSubject[] = ordered<CatalogSubject>([
  { code: 'wage_arrears', nameZh: '欠薪讨薪', nameEn: 'Wage arrears', description: '拖欠工资、农民工欠薪、层层分包欠薪', usualTypes: ['complaint'] },
  {
    code: 'labor_contract',
    nameZh: '劳动合同与劳动关系',
    nameEn: 'Labour contracts and relations',
    description: '未签书面劳动合同、解除劳动合同、确认劳动关系、经济补偿',
    usualTypes: ['complaint', 'consult'],
  },
  {
    code: 'social_insurance',
    nameZh: '社会保险',
    nameEn: 'Social insurance',
    description: '未缴养老、医疗、失业保险，住房公积金',
    usualTypes: ['complaint', 'consult'],
  },
  {
    code: 'work_injury',
    nameZh: '工伤与职业病',
    nameEn: 'Work injury and occupational disease',
    description: '工伤认定、职业病、工伤赔偿',
    usualTypes: ['complaint', 'help'],
  },
  {
    code: 'working_hours',
    nameZh: '工时休假与加班',
    nameEn: 'Working hours, leave and overtime',
    description: '加班、加班费、带薪年休假、休息日',
    usualTypes: ['complaint', 'consult'],
  },
  {
    code: 'labor_safety',
    nameZh: '劳动安全卫生',
    nameEn: 'Occupational safety and health',
    description: '作业场所不安全、高温作业、劳动防护用品',
    usualTypes: ['complaint'],
  },
  {
    code: 'women_workers',
    nameZh: '女职工权益',
    nameEn: "Women workers' rights",
    description: '产假、孕期被辞退、性骚扰',
    usualTypes: ['complaint', 'consult'],
  },
  {
    code: 'new_forms',
    nameZh: '新就业形态劳动者权益',
    nameEn: 'Workers in new forms of employment',
    description: '外卖骑手、网约车司机、货车司机，平台算法，运费结算',
    usualTypes: ['complaint', 'help'],
  },
  {
    code: 'union_membership',
    nameZh: '建会入会',
    nameEn: 'Union founding and membership',
    description: '加入工会、组建工会、会员关系接转、会费',
    usualTypes: ['help', 'consult'],
  },
  { code: 'hardship_aid', nameZh: '困难帮扶', nameEn: 'Hardship aid', description: '困难职工建档、应急救助、金秋助学、大病救助', usualTypes: ['help'] },
  {
    code: 'mutual_insurance',
    nameZh: '互助保障',
    nameEn: 'Mutual insurance',
    description: '职工医疗互助保障的参保与理赔',
    usualTypes: ['help', 'consult'],
  },
  {
    code: 'skills_employment',
    nameZh: '技能培训与就业',
    nameEn: 'Skills training and employment',
    description: '培训课程、技能补贴、就业推荐',
    usualTypes: ['help', 'consult'],
  },
  { code: 'psych_care', nameZh: '心理关爱', nameEn: 'Psychological care', description: '心理咨询、心理危机干预', usualTypes: ['help'] },
  {
    code: 'union_services',
    nameZh: '工会服务与监督',
    nameEn: 'Union services and oversight',
    description: '工会活动、会员福利、会员卡服务，对工会自身工作的意见',
    usualTypes: ['help', 'suggestion'],
  },
]);

// Descriptions name the thresholds without their numbers: the numbers are settings an administrator may change.
export const defaultRiskFlags: RiskFlag[] = ordered<RiskFlag>([
  { code: 'danger', nameZh: '危', nameEn: 'Danger', description: '危及生命或安全：自伤自残、威胁、极端行为、紧迫的安全隐患' },
  { code: 'mass', nameZh: '众', nameEn: 'Mass', description: '涉及人数众多（达到群体人数阈值）或有聚集' },
  { code: 'repeat', nameZh: '多', nameEn: 'Repeat', description: '同一事项被反复反映（同一或不同来电人）' },
  { code: 'large', nameZh: '大', nameEn: 'Large', description: '涉及金额巨大（达到大额阈值）或社会影响大' },
  { code: 'hidden', nameZh: '隐', nameEn: 'Hidden', description: '可能激化的隐患：媒体曝光、越级上访、不稳定因素' },
]);

/** Catalog codes: lowercase snake case, as stored on every order. */
export const codePattern = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const maxCodeLength = 40;
export const maxNameZhLength = 20;
