/** Kinds of unit (roles.md). Union units form the tree; external collaborators stand beside it as roots of their own. */
export const unionUnitTypes = [
  'province_federation',
  'city_federation',
  'county_federation',
  'town_union',
  'park_union',
  'community_union',
  'industry_federation',
  'enterprise_union',
  'hotline_centre',
  'department',
  'affiliated_unit',
  'lawyer_studio',
] as const;

export const externalUnitTypes = [
  'hr_bureau',
  'labour_inspection',
  'arbitration',
  'court',
  'procuratorate',
  'police',
  'justice_bureau',
  'petition_office',
  'gov_hotline',
  'local_platform',
  'national_platform',
] as const;

export const unitTypes = [...unionUnitTypes, ...externalUnitTypes] as const;
export type UnitType = (typeof unitTypes)[number];

export const unitTypeNames: Record<UnitType, { zh: string; en: string }> = {
  province_federation: { zh: '省（区、市）总工会', en: 'Provincial federation' },
  city_federation: { zh: '市（盟）总工会', en: 'City / league federation' },
  county_federation: { zh: '区县（旗）总工会', en: 'County / district / banner federation' },
  town_union: { zh: '乡镇（街道）工会', en: 'Town / street union' },
  park_union: { zh: '园区工会', en: 'Industrial-park union' },
  community_union: { zh: '社区工会', en: 'Community union' },
  industry_federation: { zh: '行业工会联合会', en: 'Industry union federation' },
  enterprise_union: { zh: '企业工会', en: 'Enterprise union' },
  hotline_centre: { zh: '热线中心', en: 'Hotline centre' },
  department: { zh: '部门', en: 'Department' },
  affiliated_unit: { zh: '直属单位', en: 'Directly affiliated unit' },
  lawyer_studio: { zh: '劳模律师调解工作室', en: "Model-worker lawyers' mediation studio" },
  hr_bureau: { zh: '人力资源和社会保障局', en: 'HR and social security bureau' },
  labour_inspection: { zh: '劳动保障监察', en: 'Labour inspection' },
  arbitration: { zh: '劳动人事争议仲裁院', en: 'Labour arbitration' },
  court: { zh: '法院', en: 'Court' },
  procuratorate: { zh: '检察院', en: 'Procuratorate' },
  police: { zh: '公安', en: 'Police' },
  justice_bureau: { zh: '司法局', en: 'Justice bureau' },
  petition_office: { zh: '信访局', en: 'Petition office' },
  gov_hotline: { zh: '12345 政务服务热线', en: 'Government 12345 hotline' },
  local_platform: { zh: '地方平台', en: 'Local platform' },
  national_platform: { zh: '全总 12351 平台', en: 'National 12351 platform' },
};

export const isExternalType = (t: string): boolean => (externalUnitTypes as readonly string[]).includes(t);

const federations = ['province_federation', 'city_federation', 'county_federation'] as const;
const grassroots = ['town_union', 'park_union', 'community_union', 'industry_federation'] as const;

/** Which parent a unit of each type may stand under; null means it may be a root. One rule for create, move and import. */
export const allowedParents: Record<UnionUnitType, readonly (UnionUnitType | null)[]> = {
  province_federation: [null],
  city_federation: ['province_federation'],
  county_federation: ['province_federation', 'city_federation'],
  town_union: ['county_federation', 'city_federation'],
  park_union: ['city_federation', 'county_federation', 'province_federation'],
  community_union: ['town_union', 'county_federation', 'park_union'],
  industry_federation: [...federations],
  enterprise_union: [...federations, ...grassroots, 'enterprise_union'],
  hotline_centre: [...federations],
  department: [...federations],
  affiliated_unit: [...federations],
  lawyer_studio: [...federations, 'hotline_centre'],
};
export type UnionUnitType = (typeof unionUnitTypes)[number];

/** Returns a Chinese message when a unit of `type` may not stand under a parent of `parentType` (null: no parent). */
export function placementProblem(type: UnitType, parentType: UnitType | null): string | null {
  if (isExternalType(type)) return parentType === null ? null : '外部协作单位不属于工会组织树，不能设置上级单位';
  const allowed = allowedParents[type as UnionUnitType];
  if (allowed.includes(parentType as UnionUnitType | null)) return null;
  if (parentType === null) return `${unitTypeNames[type].zh}必须有上级单位`;
  return `${unitTypeNames[type].zh}不能设在${unitTypeNames[parentType].zh}之下`;
}
