import path from 'node:path';
import { z } from 'zod';
import { passwordProblems } from '../../auth/domain/password-policy.js';
import { parseMergedDuties, type MergedDuties } from '../../auth/duties.js';
import { demoKeyRing, parseKeyRing, type KeyRing } from '../secrets/secret-box.js';

/** Every setting the server reads, with its default. The README's table is generated from the same names. */
const bool = z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  HOTLINE_PROVINCE: z
    .string()
    .regex(/^\d{2}0000$/, '省级行政区划代码应为 6 位且以 0000 结尾')
    .default('150000'),
  // The installer's own choice: length and character classes of the policy (auth/domain/password-policy.ts).
  HOTLINE_ADMIN_PASSWORD: z
    .string()
    .refine((p) => !passwordProblems(p).some((x) => x.code === 'PASSWORD_TOO_SHORT' || x.code === 'PASSWORD_TOO_SIMPLE'), {
      error: '管理员初始密码至少 10 位，且包含大写字母、小写字母、数字、符号中的至少三类',
    })
    .optional(),
  HOTLINE_MERGED_DUTIES: z.string().default(''),
  HOTLINE_DEMO: bool.optional(),
  HOTLINE_DEMO_ORDERS: z.coerce.number().int().min(0).max(100000).default(300),
  HOTLINE_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  HOTLINE_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  HOTLINE_LOCKOUT_ATTEMPTS: z.coerce.number().int().positive().default(5),
  HOTLINE_LOCKOUT_MINUTES: z.coerce.number().int().positive().default(15),
  HOTLINE_LOCKOUT_ACCOUNT_ATTEMPTS: z.coerce.number().int().positive().default(20),
  HOTLINE_TRUST_PROXY: bool.default(false),
  HOTLINE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  HOTLINE_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  HOTLINE_BODY_LIMIT_KB: z.coerce.number().int().positive().max(10240).default(256),
  HOTLINE_JSON_MAX_DEPTH: z.coerce.number().int().min(2).max(1000).default(32),
  HOTLINE_JSON_MAX_KEYS: z.coerce.number().int().positive().default(5000),
  HOTLINE_ALLOWED_ORIGINS: z.string().default(''),
  HOTLINE_RECORDING_ORIGINS: z.string().default(''),
  HOTLINE_PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).default(90),
  HOTLINE_JOBS_POLL_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  HOTLINE_EXCHANGE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  // Keys that encrypt secrets at rest (exchange partners' signing secrets): `id:base64,id:base64`, the first encrypts.
  HOTLINE_SECRET_KEYS: z.string().optional(),
  HOTLINE_TELEPHONY_SECRET: z.string().min(16, { error: '话务系统密钥至少 16 个字符' }).optional(),
  HOTLINE_WECHAT_GROUP_SECRET: z.string().min(16, { error: '微信服务群机器人密钥至少 16 个字符' }).optional(),
  HOTLINE_QA_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.03),
  HOTLINE_QA_RECTIFY_DAYS: z.coerce.number().int().positive().max(60).default(5),
  HOTLINE_SUPERVISION_SCAN_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  HOTLINE_DEADLINE_COUNT_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  HOTLINE_LIST_COUNT_CAP: z.coerce.number().int().min(100).max(1_000_000).default(1000),
  // Shaanxi's rule on leaders' instructions (orders/domain/instruction-rule.ts); on by default only for Shaanxi (610000).
  HOTLINE_INSTRUCTION_RULE: bool.optional(),
  // The weekly review's day (1 Monday … 7 Sunday); Shaanxi meets on Thursday.
  HOTLINE_REVIEW_WEEKDAY: z.coerce.number().int().min(1).max(7).default(4),
  // Outbound notices: a webhook (JSON, signed with HMAC-SHA256) and the SMS provider's gateway (HTTP).
  HOTLINE_WEBHOOK_URL: z.string().url().optional(),
  HOTLINE_WEBHOOK_SECRET: z.string().min(16, { error: 'Webhook 密钥至少 16 个字符' }).optional(),
  HOTLINE_SMS_GATEWAY_URL: z.string().url().optional(),
  HOTLINE_SMS_GATEWAY_TOKEN: z.string().optional(),
  // Server processes on this machine (node cluster, one port): one per core on PostgreSQL; PGlite is one process.
  HOTLINE_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  // How far V8 lets the heap grow past what the last full collection kept, in percent (0: V8's own, up to 4×).
  HOTLINE_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(20),
  // The young generation's cap, MB per semi-space (platform/young-generation.ts; 0: V8's own, 16 on Node 20).
  HOTLINE_SEMI_SPACE_MB: z.coerce.number().int().min(0).max(256).default(8),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  province: string;
  adminPassword: string | undefined;
  /** 三员分立: pairs of duties one person may hold together (HOTLINE_MERGED_DUTIES, e.g. administrator+security). */
  mergedDuties: MergedDuties;
  demo: boolean;
  /** How many generated orders a fresh demo installation gets (test installations use 0). */
  demoOrders: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  lockoutAttempts: number;
  lockoutMinutes: number;
  /** Failed logins for one account from all addresses before addresses it never signed in from are refused too. */
  lockoutAccountAttempts: number;
  trustProxy: boolean;
  /** Requests per minute per account (per address before login). */
  rateLimitPerMinute: number;
  /** Login attempts per minute per address. */
  loginRateLimitPerMinute: number;
  bodyLimitBytes: number;
  jsonMaxDepth: number;
  jsonMaxKeys: number;
  /** Origins besides the server's own that may make cookie-authenticated changes (a separately hosted web client). */
  allowedOrigins: string[];
  /** Where the telephony system serves call recordings (e.g. https://pbx.example): the pages may play audio from them. */
  recordingOrigins: string[];
  /** A password older than this must be changed before anything else (0: never expires). */
  passwordMaxAgeDays: number;
  /** How often the job runner looks for due jobs (0: this instance runs no jobs). */
  jobsPollSeconds: number;
  /** How often the supervision timers scan the open orders (near due, overdue, escalation, emergency progress, callbacks). */
  supervisionScanMinutes: number;
  /** How often the near-due and overdue tab counts are taken (orders/deadline-counts.ts); older than 3 × this, they are counted live. */
  deadlineCountSeconds: number;
  /**
   * How far a list's total is counted when no maintained counter stands for its filters and they range over the whole
   * history (orders/order-list.ts): past it the list says "more than".
   */
  listCountCap: number;
  logLevel: string;
  /** Server processes sharing the port (main.ts); more than one only on PostgreSQL. */
  workers: number;
  /** platform/heap.ts: V8's heap growth past the live data, percent; 0 leaves V8's default. */
  heapGrowingPercent: number;
  /** platform/young-generation.ts: the new space's cap, MB per semi-space; 0 leaves V8's default. */
  semiSpaceMb: number;
  /** Quality inspection: the share of a day's orders drawn for inspection, and working days to rectify a failed item. */
  /** The secret the telephony system signs call events with; unset: call events are refused (demo: a fixed one). */
  telephonySecret: string | undefined;
  /** The secret the WeChat service groups' bot relay signs group messages with; unset: refused (demo: a fixed one). */
  wechatGroupSecret: string | undefined;
  /** How long a partner has to answer a message we send it before the attempt counts as failed (exchange/). */
  exchangeTimeoutSeconds: number;
  /** Keys encrypting stored secrets (platform/secrets/secret-box.ts); null: none configured (the demo has its own). */
  secretKeys: KeyRing;
  qaSampleRate: number;
  qaRectifyDays: number;
  /** Shaanxi's rule: a national platform's order needs a provincial leader's instruction before dispatch, and so on. */
  instructionRule: boolean;
  /** ISO weekday of the weekly review (4: Thursday). */
  reviewWeekday: number;
  /** Where every notice is POSTed, signed (unset: no webhook). */
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  /** The SMS provider's HTTP gateway (unset: SMS is only logged on the embedded demo, not sent). */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
};

function secretKeys(spec: string | undefined, demo: boolean): KeyRing {
  try {
    return spec?.trim() ? parseKeyRing(spec) : demo ? demoKeyRing() : null;
  } catch (err) {
    throw new Error(`环境变量有误 / invalid environment:\n  ${(err as Error).message}`);
  }
}

/** The demo installation's telephony secret (the simulator's default): never used unless the demo is on. */
export const demoTelephonySecret = 'demo-telephony-secret-12351';
/** The demo installation's WeChat group bot secret: never used unless the demo is on. */
export const demoWechatGroupSecret = 'demo-wechat-group-secret-12351';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量有误 / invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const merged = parseMergedDuties(e.HOTLINE_MERGED_DUTIES);
  if ('error' in merged) throw new Error(`环境变量有误 / invalid environment:\n  HOTLINE_MERGED_DUTIES: ${merged.error}`);
  if (e.HOTLINE_WORKERS > 1 && !e.DATABASE_URL)
    throw new Error('环境变量有误 / invalid environment:\n  HOTLINE_WORKERS: 嵌入式数据库（PGlite）只能由一个进程使用，多进程须设置 DATABASE_URL');
  if (e.HOTLINE_WEBHOOK_URL && !e.HOTLINE_WEBHOOK_SECRET)
    throw new Error('环境变量有误 / invalid environment:\n  HOTLINE_WEBHOOK_SECRET: 设置了 Webhook 地址就须设置签名密钥');
  // npm runs workspace scripts inside the workspace folder; relative paths mean the folder the user typed the command in.
  const base = env.INIT_CWD ?? process.cwd();
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(base, e.DATA_DIR),
    province: e.HOTLINE_PROVINCE,
    adminPassword: e.HOTLINE_ADMIN_PASSWORD,
    mergedDuties: merged.merged,
    demo: e.HOTLINE_DEMO ?? !e.DATABASE_URL,
    demoOrders: e.HOTLINE_DEMO_ORDERS,
    sessionIdleMinutes: e.HOTLINE_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.HOTLINE_SESSION_MAX_HOURS,
    lockoutAttempts: e.HOTLINE_LOCKOUT_ATTEMPTS,
    lockoutMinutes: e.HOTLINE_LOCKOUT_MINUTES,
    lockoutAccountAttempts: e.HOTLINE_LOCKOUT_ACCOUNT_ATTEMPTS,
    trustProxy: e.HOTLINE_TRUST_PROXY,
    rateLimitPerMinute: e.HOTLINE_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.HOTLINE_LOGIN_RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.HOTLINE_BODY_LIMIT_KB * 1024,
    jsonMaxDepth: e.HOTLINE_JSON_MAX_DEPTH,
    jsonMaxKeys: e.HOTLINE_JSON_MAX_KEYS,
    allowedOrigins: e.HOTLINE_ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    recordingOrigins: e.HOTLINE_RECORDING_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter(Boolean),
    passwordMaxAgeDays: e.HOTLINE_PASSWORD_MAX_AGE_DAYS,
    jobsPollSeconds: e.HOTLINE_JOBS_POLL_SECONDS,
    exchangeTimeoutSeconds: e.HOTLINE_EXCHANGE_TIMEOUT_SECONDS,
    secretKeys: secretKeys(e.HOTLINE_SECRET_KEYS, e.HOTLINE_DEMO ?? !e.DATABASE_URL),
    supervisionScanMinutes: e.HOTLINE_SUPERVISION_SCAN_MINUTES,
    deadlineCountSeconds: e.HOTLINE_DEADLINE_COUNT_SECONDS,
    listCountCap: e.HOTLINE_LIST_COUNT_CAP,
    logLevel: e.LOG_LEVEL,
    workers: e.HOTLINE_WORKERS,
    heapGrowingPercent: e.HOTLINE_HEAP_GROWING_PERCENT,
    semiSpaceMb: e.HOTLINE_SEMI_SPACE_MB,
    telephonySecret: e.HOTLINE_TELEPHONY_SECRET ?? ((e.HOTLINE_DEMO ?? !e.DATABASE_URL) ? demoTelephonySecret : undefined),
    wechatGroupSecret: e.HOTLINE_WECHAT_GROUP_SECRET ?? ((e.HOTLINE_DEMO ?? !e.DATABASE_URL) ? demoWechatGroupSecret : undefined),
    qaSampleRate: e.HOTLINE_QA_SAMPLE_RATE,
    qaRectifyDays: e.HOTLINE_QA_RECTIFY_DAYS,
    instructionRule: e.HOTLINE_INSTRUCTION_RULE ?? e.HOTLINE_PROVINCE === '610000',
    reviewWeekday: e.HOTLINE_REVIEW_WEEKDAY,
    webhookUrl: e.HOTLINE_WEBHOOK_URL,
    webhookSecret: e.HOTLINE_WEBHOOK_SECRET,
    smsGatewayUrl: e.HOTLINE_SMS_GATEWAY_URL,
    smsGatewayToken: e.HOTLINE_SMS_GATEWAY_TOKEN,
  };
}
