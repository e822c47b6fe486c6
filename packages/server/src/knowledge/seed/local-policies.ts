import type { SeedArticle } from './types.js';

/**
 * Local policies (地方政策) of three provinces, as an example of what each province's editors keep: the minimum wage
 * each provincial government set, with the notice's issuing body and the day it took effect. Search shows an agent
 * the policies of their own province (ranked before the national rule) and another province's only when the caller's
 * region names it (search/search.service.ts). A standard is adjusted at least every two years (《最低工资规定》第十条):
 * each article says which notice it states and sends the agent to the latest one; the seed's review date makes an
 * editor check it within a year.
 */
export const localPolicyArticles: SeedArticle[] = [
  {
    key: 'local-150000-minimum-wage',
    kind: 'local_policy',
    title: '内蒙古自治区最低工资标准',
    body: `内蒙古自治区的最低工资标准由自治区人民政府公布，按地区分为三类，分别规定月最低工资标准（全日制）和小时最低工资标准（非全日制）。自2021年12月1日起执行的月最低工资标准为：一类地区1980元，二类地区1910元，三类地区1850元；各盟市、旗县（市、区）属于哪一类，见自治区人民政府通知所附的地区分类。
答复要点：
1. 工资低于所在旗县（市、区）的月最低工资标准的，差额由用人单位补足；加班工资，中班、夜班、高温、低温、井下、有毒有害等特殊条件下的津贴，以及法律法规规定的福利待遇，不计入最低工资（《最低工资规定》第十二条）。
2. 标准每两年至少调整一次（《最低工资规定》第十条）：答复前核对自治区人力资源和社会保障厅公布的现行标准，如有新通知以新通知为准。
3. 用人单位低于标准支付的，可向当地劳动保障监察机构投诉（12333），由其责令补发差额（《最低工资规定》第十三条）。`,
    subjects: ['wage_arrears'],
    regions: ['150000'],
    citations: ['《最低工资规定》第十条', '《最低工资规定》第十二条', '《最低工资规定》第十三条'],
    tags: ['最低工资', '工资太低', '低于最低工资', '内蒙古'],
    issuingBody: '内蒙古自治区人民政府',
    effectiveFrom: '2021-12-01',
    source: '内蒙古自治区人民政府调整最低工资标准的通知（2021年12月1日起执行）；现行标准见自治区人力资源和社会保障厅公布',
  },
  {
    key: 'local-500000-minimum-wage',
    kind: 'local_policy',
    title: '重庆市最低工资标准',
    body: `重庆市的最低工资标准由市人民政府公布，分两档执行。自2022年4月1日起执行的标准为：第一档月最低工资标准2100元、非全日制小时最低工资标准21元；第二档月最低工资标准2000元、小时最低工资标准20元。各区县执行哪一档，见市人民政府通知的规定。
答复要点：
1. 工资低于所在区县的月最低工资标准的，差额由用人单位补足；加班工资，中班、夜班、高温、低温、井下、有毒有害等特殊条件下的津贴，以及法律法规规定的福利待遇，不计入最低工资（《最低工资规定》第十二条）。
2. 标准每两年至少调整一次（《最低工资规定》第十条）：答复前核对重庆市人力资源和社会保障局公布的现行标准，如有新通知以新通知为准。
3. 用人单位低于标准支付的，可向区县劳动保障监察机构投诉（12333），由其责令补发差额（《最低工资规定》第十三条）。`,
    subjects: ['wage_arrears'],
    regions: ['500000'],
    citations: ['《最低工资规定》第十条', '《最低工资规定》第十二条', '《最低工资规定》第十三条'],
    tags: ['最低工资', '工资太低', '低于最低工资', '重庆'],
    issuingBody: '重庆市人民政府',
    effectiveFrom: '2022-04-01',
    source: '重庆市人民政府调整最低工资标准的通知（2022年4月1日起执行）；现行标准见重庆市人力资源和社会保障局公布',
  },
  {
    key: 'local-610000-minimum-wage',
    kind: 'local_policy',
    title: '陕西省最低工资标准',
    body: `陕西省的最低工资标准由省人民政府公布，按地区分为三类。自2021年5月1日起执行的标准为：一类地区月最低工资标准1950元、非全日制小时最低工资标准19元；二类地区1850元、18元；三类地区1750元、17元。各市、县（区）属于哪一类，见省人民政府通知的规定。
答复要点：
1. 工资低于所在县（区）的月最低工资标准的，差额由用人单位补足；加班工资，中班、夜班、高温、低温、井下、有毒有害等特殊条件下的津贴，以及法律法规规定的福利待遇，不计入最低工资（《最低工资规定》第十二条）。
2. 标准每两年至少调整一次（《最低工资规定》第十条）：答复前核对陕西省人力资源和社会保障厅公布的现行标准，如有新通知以新通知为准。
3. 用人单位低于标准支付的，可向当地劳动保障监察机构投诉（12333），由其责令补发差额（《最低工资规定》第十三条）。`,
    subjects: ['wage_arrears'],
    regions: ['610000'],
    citations: ['《最低工资规定》第十条', '《最低工资规定》第十二条', '《最低工资规定》第十三条'],
    tags: ['最低工资', '工资太低', '低于最低工资', '陕西'],
    issuingBody: '陕西省人民政府',
    effectiveFrom: '2021-05-01',
    source: '陕西省人民政府调整最低工资标准的通知（2021年5月1日起执行）；现行标准见陕西省人力资源和社会保障厅公布',
  },
];
