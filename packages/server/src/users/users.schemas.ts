import { z } from 'zod';
import { newPasswordSchema } from '../auth/password.js';
import { roles } from '../auth/roles.js';
import { idNumber, plausibleInstant, phoneNumber, trimmedText, versionField } from '../platform/http/schemas.js';

/** Request and response shapes of the users API; the service receives the parsed values. */
const uuidOf = (what: string) => z.uuid({ error: `${what}编号格式不正确` });

const username = trimmedText({ error: '请填写用户名' })
  .min(3, { error: '用户名至少 3 个字符' })
  .max(32, { error: '用户名不能超过 32 个字符' })
  .regex(/^[a-zA-Z0-9_.-]+$/, { error: '用户名只能包含英文字母、数字、下划线、点和短横线' });
const displayName = trimmedText({ error: '请填写姓名' }).min(1, { error: '请填写姓名' }).max(40, { error: '姓名不能超过 40 个字' });
const email = z.email({ error: '电子邮箱格式不正确' }).max(100, { error: '电子邮箱不能超过 100 个字符' });
const roleGrant = z
  .object({
    role: z.enum(roles, { error: '角色不正确' }),
    unitId: uuidOf('单位'),
  })
  .strict();
const roleSet = z.array(roleGrant, { error: '请提供角色列表' }).max(30, { error: '角色不能超过 30 个' });

export const createUserBody = z
  .object({
    username,
    displayName,
    kind: z.enum(['person', 'integration'], { error: '账号类型应为 person（人员）或 integration（接口账号）' }).default('person'),
    phone: phoneNumber.optional(),
    idNumber: idNumber.optional(),
    email: email.optional(),
    unitId: uuidOf('所属单位'),
    roles: roleSet,
    password: newPasswordSchema.optional(),
  })
  .strict();
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .object({
    version: versionField,
    displayName: displayName.optional(),
    phone: phoneNumber.nullable().optional(),
    idNumber: idNumber.nullable().optional(),
    email: email.nullable().optional(),
    unitId: uuidOf('所属单位').optional(),
    active: z.boolean({ error: '启用状态应为 true 或 false' }).optional(),
    roles: roleSet.optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const listUsersQuery = z
  .object({
    q: trimmedText().max(64, { error: '搜索词不能超过 64 个字符' }).optional(),
    unitId: uuidOf('单位').optional(),
    role: z.enum(roles, { error: '角色不正确' }).optional(),
    active: z
      .enum(['true', 'false'], { error: '启用状态应为 true 或 false' })
      .transform((v) => v === 'true')
      .optional(),
    limit: z.coerce
      .number({ error: '条数应为数字' })
      .int({ error: '条数应为整数' })
      .min(1, { error: '条数至少为 1' })
      .max(100, { error: '条数不能超过 100' })
      .default(50),
    cursor: z.string().max(200, { error: '分页游标不正确' }).optional(),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const resetPasswordBody = z.object({ password: newPasswordSchema.optional() }).strict();

export const createTokenBody = z
  .object({
    name: trimmedText({ error: '请填写令牌名称' }).min(1, { error: '请填写令牌名称' }).max(60, { error: '令牌名称不能超过 60 个字' }),
    expiresAt: plausibleInstant.optional(),
  })
  .strict();

export const userTokenParams = z.object({ id: uuidOf('人员'), tokenId: uuidOf('令牌') }).strict();

const unitRef = z.object({ id: z.uuid(), name: z.string() });
export const userView = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['person', 'integration']),
  phone: z.string().nullable().describe('除管理员外显示为脱敏值 / masked for every role but administrator'),
  idNumber: z.string().nullable().describe('除管理员外显示为脱敏值 / masked for every role but administrator'),
  email: z.string().nullable(),
  masked: z.boolean().describe('个人信息是否已脱敏 / whether personal data is masked'),
  unit: unitRef,
  roles: z.array(z.object({ assignmentId: z.uuid(), role: z.enum(roles), unit: unitRef })),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockout: z
    .object({
      until: z.string().describe('最后一项限制解除的时间 / when the last refusal ends'),
      addresses: z.number().int().describe('因本地址失败次数过多而暂停登录的地址数 / addresses refused for their own failed attempts'),
      newAddresses: z
        .boolean()
        .describe('各地址失败次数合计过多，从未登录过的地址也暂停登录 / too many failures in all: addresses never used before are refused too'),
    })
    .nullable()
    .optional()
    .describe(
      '登录锁定：仅对可解除锁定的角色（安全管理员）给出——当前因密码错误次数过多而暂停登录时为其详情，否则为 null；其他角色看到的人员不含此字段（不是“未锁定”） / the login lockout, given only to the roles that may lift it (the security administrator): its details while in force, else null; absent for every other role (absent means "not shown", not "not locked")',
    ),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.infer<typeof userView>;

export const tokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('令牌开头几位，用于区分 / first characters, to tell tokens apart'),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof tokenView>;
