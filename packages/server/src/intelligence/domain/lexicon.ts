/**
 * Keyword rules written from the catalog (taxonomy.md), one list per subject and type. They do not decide: each
 * list that matches adds a feature ("k:work_injury") that the classifier weighs like any word, so a request using a
 * word the few hundred training requests never had (矽肺, 尘肺, 闪送) still leans the right way.
 */
export const subjectKeywords: Record<string, RegExp> = {
  wage_arrears: /欠薪|讨薪|拖欠|欠(?:了)?(?:我|我们|俺|他)?(?:的)?(?:工资|工钱|钱)|工钱|工资(?:没|不)(?:发|给|结)|结工资|血汗钱|包工头|工头|跑路/,
  labor_contract: /劳动合同|合同|辞退|开除|解除|裁员|补偿|劳务派遣|派遣|试用期|离职证明|调岗|买断|劳动关系|竞业|违约金|续签/,
  social_insurance: /社保|社会保险|养老保险|医疗保险|医保|失业金|失业保险|公积金|五险|生育保险|新农合|退休|缴费基数|补缴|断交/,
  work_injury: /工伤|职业病|尘肺|矽肺|摔伤|摔下|骨折|压伤|砸伤|烫伤|绞伤|截肢|断了|伤残|鉴定|停工留薪|受伤|坠落|抢救|住院/,
  working_hours: /加班|工时|年假|年休假|休假|调休|休息|大小周|996|倒班|两班倒|夜班|全勤|病假|婚假|打卡|弹性工作|不定时/,
  labor_safety: /安全|隐患|高温|中暑|防暑|降温|防护|口罩|手套|安全带|脚手架|瓦斯|粉尘|噪音|消防|塔吊|通风|漏电|泄漏|坍塌|落石|冷库/,
  women_workers: /怀孕|孕期|孕妇|产假|产检|哺乳|生育津贴|流产|女职工|女工|女员工|性骚扰|骚扰|动手动脚|母婴|经期|妇科|育儿假/,
  new_forms: /外卖|骑手|众包|配送|网约车|滴滴|货拉拉|闪送|代驾|快递员|快递网点|平台|算法|封号|派单|跑腿|卡车司机|货车司机|主播|接单|APP/i,
  union_membership: /入会|建会|成立工会|建立工会|加入工会|会员关系|会费|会员证|工会换届|联合工会|行业工会|项目工会|退会/,
  hardship_aid: /困难|帮扶|救助|金秋助学|助学|送温暖|大病|白血病|癌|尿毒症|透析|重病|过不下去|拿不出钱|遭了|火灾|洪水/,
  mutual_insurance: /互助保障|医疗互助|互助保险|理赔|安康互助|重疾互助/,
  skills_employment: /培训|技能|证书|考证|技师|招聘|就业|找工作|再就业|推荐工作|技能大赛|春风行动|转行|创新工作室/,
  psych_care: /心理|焦虑|抑郁|失眠|崩溃|不想活|轻生|想不开|压力|情绪|噩梦|心慌|倾诉|聊聊|说说话|PUA/i,
  union_services: /工会(?:的)?(?:福利|活动|经费|主席|选举)|福利卡|会员卡|疗休养|过节费|慰问品|职工之家|服务站|驿站|12351|接线员|联谊|法律援助|送清凉/,
};

export const typeKeywords: Record<string, RegExp> = {
  consult: /请问|想问|问一下|问问|咨询|怎么(?:办|算|申请|报名|加入|转|领|补办)|是不是|能不能|可以吗|合法吗|算不算|有没有|多少|哪里|什么|吗？|吗\?|吗$/,
  help: /帮帮|帮忙|帮我|求助|申请|救助|想找|能不能给|想学|推荐|报个名|想成立|想加入|怎么统一|能不能派/,
  complaint: /欠|拖欠|不给|克扣|扣了|扣我|开除|辞退|违法|投诉|不管|要求|不交|没交|不签|逼|威胁|骚扰|罚款|封号|不发|拒绝|拒不/,
  suggestion: /建议|希望能|希望工会|提个|意见|能不能把|多开|多组织|多搞|放宽/,
};

export function keywordFeatures(text: string): string[] {
  const out: string[] = [];
  for (const [k, re] of Object.entries(subjectKeywords)) if (re.test(text)) out.push(`k:${k}`);
  for (const [k, re] of Object.entries(typeKeywords)) if (re.test(text)) out.push(`t:${k}`);
  return out;
}
