/** The server's unit types (units/domain/unit-types.ts), for the create form. */
export const unionUnitTypes: Record<string, string> = {
  province_federation: '省（区、市）总工会',
  city_federation: '市（盟）总工会',
  county_federation: '区县（旗）总工会',
  town_union: '乡镇（街道）工会',
  park_union: '园区工会',
  community_union: '社区工会',
  industry_federation: '行业工会联合会',
  enterprise_union: '企业工会',
  hotline_centre: '热线中心',
  department: '部门',
  affiliated_unit: '直属单位',
  lawyer_studio: '劳模律师调解工作室',
};

export const externalUnitTypes: Record<string, string> = {
  hr_bureau: '人力资源和社会保障局',
  labour_inspection: '劳动保障监察',
  arbitration: '劳动人事争议仲裁院',
  court: '法院',
  procuratorate: '检察院',
  police: '公安',
  justice_bureau: '司法局',
  petition_office: '信访局',
  gov_hotline: '12345 政务服务热线',
  local_platform: '地方平台',
  national_platform: '全总 12351 平台',
};

/** Types that route orders by a division code of their own, which the form then asks for. */
export const typesWithDivision = ['province_federation', 'city_federation', 'county_federation', 'town_union', 'park_union'];
