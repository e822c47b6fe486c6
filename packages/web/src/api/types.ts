/** The shapes the server answers with (its OpenAPI at /api/openapi.json); kept by hand, small and read-only. */

export type Role =
  | 'agent'
  | 'lawyer'
  | 'dispatcher'
  | 'supervisor'
  | 'handler'
  | 'mediator'
  | 'inspector'
  | 'leader'
  | 'administrator'
  | 'auditor'
  | 'integration';

export type Assignment = { assignmentId: string; role: Role; unit: { id: string; name: string; type: string }; scopePath: string };
export type Session = {
  user: { id: string; username: string; displayName: string; unit: { id: string; name: string }; mustChangePassword: boolean };
  current: Assignment;
  assignments: Assignment[];
  expiresAt: string | null;
  idleTimeoutMinutes: number;
};

export const orderStates = [
  'pending_dispatch',
  'pending_sign',
  'returned',
  'handling',
  'replied',
  'pending_callback',
  'callback_dissatisfied',
  'archived',
  'closed_at_intake',
  'merged',
  'invalid',
] as const;
export type OrderState = (typeof orderStates)[number];
export const channels = ['phone', 'app', 'web', 'wechat', 'walk_in', 'transfer_12345', 'upper_platform'] as const;
export type Channel = (typeof channels)[number];
export const priorities = ['normal', 'urgent', 'major'] as const;
export type Priority = (typeof priorities)[number];
export const tiers = ['general', 'difficult', 'complex'] as const;
export type Tier = (typeof tiers)[number];
export type DeadlineStatus = 'on_time' | 'near_due' | 'overdue';
export const satisfactionLevels = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof satisfactionLevels)[number];

export const orderActions = [
  'dispatch',
  'handle_at_hotline',
  'sign',
  'return',
  'return_redispatch',
  'return_reject',
  'invite_co_handler',
  'remove_co_handler',
  'reply_co_handler_part',
  'add_note',
  'add_attachment',
  'request_extension',
  'decide_extension',
  'reply',
  'review_accept',
  'review_rework',
  'callback_satisfied',
  'callback_dissatisfied',
  'callback_unreachable',
  'reopen',
  'archive',
  'merge',
  'link',
  'invalidate',
  'reveal_contact',
  'attach_caller',
] as const;
export type OrderAction = (typeof orderActions)[number];

export type UnitRef = { id: string; name: string };
export type Deadline = { dueAt: string; nearDueAt: string | null; status: DeadlineStatus };

export type OrderSummary = {
  id: string;
  number: string;
  state: OrderState;
  stateName: string;
  version: number;
  channel: string;
  typeCode: string;
  subjectCode: string;
  priority: Priority;
  tier: Tier;
  riskFlags: string[];
  title: string;
  employerName: string | null;
  placeText: string | null;
  divisionCode: string | null;
  confidential: boolean;
  isGroup: boolean;
  callerCount: number;
  workersInvolved: number | null;
  amountInvolved: number | null;
  holderUnit: UnitRef;
  createdAt: string;
  createdDate: string;
  deadlines: {
    currentStep: string | null;
    current: Deadline | null;
    reply: { dueAt: string; nearDueAt: string | null; status: DeadlineStatus | null } | null;
    callbackDueAt: string | null;
    returnDueAt: string | null;
  };
};

export type Caller = {
  id: string;
  name: string;
  phone: string | null;
  idNumber: string | null;
  relation: string;
  isPrimary: boolean;
  channel: string;
  calledAt: string;
  sourceOrderId: string | null;
};

export type Hop = {
  seq: number;
  fromUnit: UnitRef;
  toUnit: UnitRef;
  dispatchedAt: string;
  note: string | null;
  signDueAt: string | null;
  signedAt: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  status: string;
};
export type CoHandler = { id: string; unit: UnitRef; task: string | null; invitedAt: string; removedAt: string | null; partReply: string | null; repliedAt: string | null };
export type Extension = {
  id: string;
  requestedAt: string;
  requestedByUnit: UnitRef;
  reason: string;
  previousDueAt: string;
  requestedDueAt: string;
  decidedAt: string | null;
  approved: boolean | null;
  decisionNote: string | null;
};
export type Attachment = { id: string; fileName: string; contentType: string; size: number; kind: string; uploadedAt: string; uploadedByUnit: UnitRef };

export type OrderView = OrderSummary & {
  narrative: string;
  answer: string | null;
  employer: { name: string | null; creditCode: string | null; address: string | null };
  place: { text: string | null; divisionCode: string | null };
  contactAccess: 'plain' | 'masked' | 'hidden';
  callers: Caller[];
  intakeUnit: UnitRef;
  dispatchUnit: UnitRef | null;
  hopDispatcherUnit: UnitRef | null;
  firstDispatchedAt: string | null;
  signedAt: string | null;
  repliedAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  pendingExtension: { id: string; requestedAt: string; requestedDueAt: string; reason: string } | null;
  counts: { extensions: number; returns: number; reworks: number; reopens: number; callbackAttempts: number };
  outcome: { resolved: boolean; measures: string; amountRecovered: number; workersHelped: number } | null;
  callback: { at: string; handlingSatisfaction: string | null; callSatisfaction: string | null } | null;
  mergedIntoId: string | null;
  invalidReason: string | null;
  hops: Hop[];
  coHandlers: CoHandler[];
  extensions: Extension[];
  attachments: Attachment[];
  links: { orderId: string; number: string; state: string; note: string | null }[];
  relations: string[];
  allowedActions: OrderAction[];
};

export type OrderEvent = {
  id: number;
  at: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  actor: { userId: string | null; name: string | null; role: string | null };
  unit: UnitRef | null;
  data: Record<string, unknown> | null;
  note: string | null;
};

export type OrderPage = { items: OrderSummary[]; nextCursor: string | null; countsByState: Record<string, number>; total: number };

export type IntakeMatches = {
  callerOrders: OrderSummary[];
  employerOpenOrders: OrderSummary[];
  employerRequestsInWindow: number;
  suggestedRiskFlags: { flag: string; reason: string }[];
  suggestedUnit: { id: string; name: string; type: string } | null;
};

type Named = { code: string; nameZh: string; nameEn: string };
export type CatalogEntry = Named & { description: string; sortOrder: number; active: boolean };
export type Catalog = {
  version: number;
  types: (CatalogEntry & { defaultPath: string })[];
  subjects: (CatalogEntry & { usualTypes: string[] })[];
  riskFlags: CatalogEntry[];
  priorities: Named[];
  tiers: Named[];
  steps: Named[];
  thresholds: { massWorkers: number; largeAmount: number; repeatCount: number; repeatWindowDays: number };
};

export type Unit = {
  id: string;
  parentId: string | null;
  depth: number;
  type: string;
  typeName: string;
  external: boolean;
  divisionCode: string | null;
  name: string;
  shortName: string | null;
  leaders: { name: string; title: string; phone?: string }[];
  contactPhone: string | null;
  address: string | null;
  email: string | null;
  active: boolean;
  sortOrder: number;
  childCount: number;
  version: number;
  updatedAt: string;
};

export type DivisionTree = {
  code: string;
  name: string;
  children: { code: string; name: string; zone?: boolean; children: { code: string; name: string; zone: boolean }[] }[];
};

export type User = {
  id: string;
  username: string;
  displayName: string;
  kind: 'person' | 'integration';
  phone: string | null;
  idNumber: string | null;
  email: string | null;
  masked: boolean;
  unit: UnitRef;
  roles: { assignmentId: string; role: Role; unit: UnitRef }[];
  active: boolean;
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type ApiToken = { id: string; name: string; prefix: string; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null };

export const limitUnits = ['working_days', 'working_hours', 'clock_minutes', 'clock_hours', 'calendar_days', 'none'] as const;
export type LimitUnit = (typeof limitUnits)[number];
export type TimeLimitRule = {
  id: string;
  step: string;
  stepName: string;
  typeCode: string | null;
  subjectCode: string | null;
  priority: Priority | null;
  tier: Tier | null;
  amount: number | null;
  unit: LimitUnit;
  countFrom: 'next_working_day' | 'same_day';
  note: string;
  active: boolean;
  version: number;
  updatedAt: string;
  description: string;
  appliesTo: string;
};
export type DeadlinePreview = { rule: TimeLimitRule | null; deadline: string | null; deadlineLocal: string | null; explanation: string };

export type CalendarDay = { date: string; workday: boolean; holidayName: string | null; makeup: boolean; source: string; note: string | null };
export type CalendarCoverage = { firstDay: string | null; lastDay: string | null; daysLeft: number | null; warning: string | null };
export type CalendarYear = { days: CalendarDay[]; coverage: CalendarCoverage; workingHours: { periods: { start: string; end: string }[]; version: number } };

export type AuditEvent = {
  id: number;
  at: string;
  actor: { userId: string | null; username: string | null; role: string | null; unitId: string | null };
  ip: string | null;
  userAgent: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  scopeUnitId: string | null;
  before: unknown;
  after: unknown;
  detail: string | null;
};
