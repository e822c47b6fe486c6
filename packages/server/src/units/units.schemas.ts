import { z } from 'zod';
import { phoneNumber, trimmedText, versionField } from '../platform/http/schemas.js';
import { unitTypes } from './domain/unit-types.js';

/** Request and response shapes of the units API; the service receives the parsed values. */
const uuidOf = (what: string) => z.uuid({ error: `${what}编号格式不正确` });
const text = (what: string, max: number) =>
  trimmedText({ error: `请填写${what}` })
    .min(1, { error: `请填写${what}` })
    .max(max, { error: `${what}不能超过 ${max} 个字` });

const unitType = z.enum(unitTypes, { error: '单位类型不正确' });
const name = text('单位名称', 60);
const shortName = text('简称', 20);
const address = text('地址', 200);
const email = z.email({ error: '电子邮箱格式不正确' }).max(100, { error: '电子邮箱不能超过 100 个字符' });
const sortOrder = z
  .number({ error: '排序号应为数字' })
  .int({ error: '排序号应为整数' })
  .min(0, { error: '排序号不能为负' })
  .max(100_000, { error: '排序号不能超过 100000' });
const divisionCode = z
  .string({ error: '行政区划代码应为字符串' })
  .regex(/^(\d{6}|\d{9})$/, { error: '行政区划代码应为 6 位（区县及以上）或 9 位（乡镇街道）数字' });

const leader = z
  .object({
    name: text('负责人姓名', 40),
    title: text('负责人职务', 40),
    phone: phoneNumber.optional(),
  })
  .strict();
const leaders = z.array(leader, { error: '负责人应为列表' }).max(20, { error: '负责人不能超过 20 位' });

export const createUnitBody = z
  .object({
    parentId: uuidOf('上级单位').nullable().optional().describe('上级单位；外部协作单位不填 / parent unit; omitted for external collaborators'),
    type: unitType,
    name,
    shortName: shortName.optional(),
    divisionCode: divisionCode.optional().describe('GB/T 2260 行政区划代码 / division code'),
    leaders: leaders.optional(),
    contactPhone: phoneNumber.optional(),
    address: address.optional(),
    email: email.optional(),
    sortOrder: sortOrder.optional(),
  })
  .strict();
export type CreateUnitInput = z.infer<typeof createUnitBody>;

export const updateUnitBody = z
  .object({
    version: versionField,
    name: name.optional(),
    shortName: shortName.nullable().optional(),
    leaders: leaders.optional(),
    contactPhone: phoneNumber.nullable().optional(),
    address: address.nullable().optional(),
    email: email.nullable().optional(),
    active: z.boolean({ error: '启用状态应为 true 或 false' }).optional().describe('false 撤销单位，true 恢复 / false retires the unit, true reactivates it'),
    sortOrder: sortOrder.optional(),
  })
  .strict();
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;

export const moveUnitBody = z.object({ version: versionField, parentId: uuidOf('新的上级单位') }).strict();
export type MoveUnitInput = z.infer<typeof moveUnitBody>;

const flag = (what: string) =>
  z
    .enum(['true', 'false'], { error: `${what}应为 true 或 false` })
    .transform((v) => v === 'true')
    .optional();

export const listUnitsQuery = z
  .object({
    parentId: uuidOf('上级单位').optional(),
    q: trimmedText().max(60, { error: '搜索词不能超过 60 个字符' }).optional(),
    type: unitType.optional(),
    active: flag('启用状态'),
    includeExternal: flag('是否包含外部协作单位').default(true),
    limit: z.coerce
      .number({ error: '条数应为数字' })
      .int({ error: '条数应为整数' })
      .min(1, { error: '条数至少为 1' })
      .max(1000, { error: '条数不能超过 1000' })
      .default(500),
  })
  .strict();
export type ListUnitsQuery = z.infer<typeof listUnitsQuery>;

export const divisionsQuery = z
  .object({
    province: z
      .string()
      .regex(/^\d{2}0000$/, { error: '省级行政区划代码应为 6 位且以 0000 结尾' })
      .optional(),
  })
  .strict();

export const unitView = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  depth: z.number().int().describe('在组织树中的层级，根为 0 / depth in the tree, 0 at a root'),
  type: unitType,
  typeName: z.string().describe('单位类型中文名 / type name in Chinese'),
  external: z.boolean().describe('外部协作单位（不属于工会组织树）/ external collaborator, outside the union tree'),
  divisionCode: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  leaders: z.array(z.object({ name: z.string(), title: z.string(), phone: z.string().optional() })),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  childCount: z.number().int().describe('直接下级单位数（含已撤销）/ direct children, retired ones included'),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type UnitView = z.infer<typeof unitView>;

export const unitRef = z.object({ id: z.uuid(), name: z.string(), type: unitType, typeName: z.string(), active: z.boolean() });
export type UnitRef = z.infer<typeof unitRef>;

export const unitDetail = unitView.extend({
  ancestors: z.array(unitRef).describe('上级单位（自根向下，仅含您管辖范围内的）/ ancestors, root first, only those within your scope'),
});

const leaf = z.object({ code: z.string(), name: z.string(), zone: z.boolean().describe('开发区（非 GB/T 2260 县级区划）/ development zone') });
export const divisionTreeView = z.object({
  code: z.string(),
  name: z.string(),
  children: z.array(z.object({ code: z.string(), name: z.string(), zone: z.boolean().optional(), children: z.array(leaf) })),
});
