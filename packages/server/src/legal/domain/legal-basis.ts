/**
 * The legal basis a letter cites by default for an order's subject: article numbers of national law a union's
 * legal supervision rests on. The drafter edits the list; articles from the knowledge base can be added.
 * Every letter rests on the Trade Union Law's supervision articles, then on the law the employer is breaking.
 */
export type Citation = { law: string; article: string; summary: string };

const tradeUnionLaw: Citation[] = [
  {
    law: '中华人民共和国工会法',
    article: '第二十二条',
    summary: '企业、事业单位违反劳动法律法规规定，侵犯职工劳动权益的，工会应当代表职工与企业、事业单位交涉，要求其采取措施予以改正。',
  },
  { law: '中华人民共和国劳动法', article: '第八十八条', summary: '各级工会依法维护劳动者的合法权益，对用人单位遵守劳动法律、法规的情况进行监督。' },
];

const bySubject: Record<string, Citation[]> = {
  wage_arrears: [
    { law: '中华人民共和国劳动法', article: '第五十条', summary: '工资应当以货币形式按月支付给劳动者本人，不得克扣或者无故拖欠劳动者的工资。' },
    { law: '中华人民共和国劳动合同法', article: '第三十条', summary: '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。' },
    {
      law: '中华人民共和国劳动合同法',
      article: '第八十五条',
      summary: '未及时足额支付劳动报酬的，由劳动行政部门责令限期支付；逾期不支付的，按应付金额百分之五十以上百分之一百以下加付赔偿金。',
    },
    { law: '保障农民工工资支付条例', article: '第三条', summary: '农民工有按时足额获得工资的权利，任何单位和个人不得拖欠农民工工资。' },
    { law: '保障农民工工资支付条例', article: '第三十条', summary: '分包单位拖欠农民工工资的，由施工总承包单位先行清偿，再依法进行追偿。' },
  ],
  labor_contract: [
    { law: '中华人民共和国劳动合同法', article: '第十条', summary: '建立劳动关系，应当订立书面劳动合同。' },
    {
      law: '中华人民共和国劳动合同法',
      article: '第八十二条',
      summary: '用人单位自用工之日起超过一个月不满一年未与劳动者订立书面劳动合同的，应当向劳动者每月支付二倍的工资。',
    },
    { law: '中华人民共和国劳动合同法', article: '第四十七条', summary: '经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。' },
    {
      law: '中华人民共和国劳动合同法',
      article: '第八十七条',
      summary: '用人单位违法解除或者终止劳动合同的，应当依照第四十七条规定的经济补偿标准的二倍向劳动者支付赔偿金。',
    },
  ],
  social_insurance: [
    { law: '中华人民共和国社会保险法', article: '第五十八条', summary: '用人单位应当自用工之日起三十日内为其职工向社会保险经办机构申请办理社会保险登记。' },
    { law: '中华人民共和国社会保险法', article: '第六十条', summary: '用人单位应当自行申报、按时足额缴纳社会保险费。' },
    { law: '中华人民共和国劳动法', article: '第七十二条', summary: '用人单位和劳动者必须依法参加社会保险，缴纳社会保险费。' },
  ],
  work_injury: [
    { law: '工伤保险条例', article: '第十四条', summary: '职工有下列情形之一的，应当认定为工伤。' },
    {
      law: '工伤保险条例',
      article: '第十七条',
      summary: '职工发生事故伤害，所在单位应当自事故伤害发生之日起30日内，向统筹地区社会保险行政部门提出工伤认定申请。',
    },
    { law: '中华人民共和国社会保险法', article: '第四十一条', summary: '职工所在用人单位未依法缴纳工伤保险费，发生工伤事故的，由用人单位支付工伤保险待遇。' },
  ],
  working_hours: [
    { law: '中华人民共和国劳动法', article: '第三十六条', summary: '劳动者每日工作时间不超过八小时、平均每周工作时间不超过四十四小时。' },
    { law: '中华人民共和国劳动法', article: '第四十一条', summary: '延长工作时间一般每日不得超过一小时，特殊原因每日不得超过三小时，每月不得超过三十六小时。' },
    {
      law: '中华人民共和国劳动法',
      article: '第四十四条',
      summary: '延长工作时间支付不低于工资的百分之一百五十，休息日安排工作又不能安排补休的支付百分之二百，法定休假日支付百分之三百的工资报酬。',
    },
    {
      law: '职工带薪年休假条例',
      article: '第三条',
      summary: '职工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；已满20年的，年休假15天。',
    },
  ],
  labor_safety: [
    { law: '中华人民共和国劳动法', article: '第五十二条', summary: '用人单位必须建立、健全劳动安全卫生制度，防止劳动过程中的事故。' },
    { law: '中华人民共和国安全生产法', article: '第四十五条', summary: '生产经营单位必须为从业人员提供符合国家标准或者行业标准的劳动防护用品。' },
  ],
  women_workers: [
    { law: '女职工劳动保护特别规定', article: '第五条', summary: '用人单位不得因女职工怀孕、生育、哺乳降低其工资、予以辞退、与其解除劳动或者聘用合同。' },
    { law: '女职工劳动保护特别规定', article: '第七条', summary: '女职工生育享受98天产假。' },
    {
      law: '中华人民共和国劳动合同法',
      article: '第四十二条',
      summary: '女职工在孕期、产期、哺乳期的，用人单位不得依照本法第四十条、第四十一条的规定解除劳动合同。',
    },
  ],
  new_forms: [
    {
      law: '关于维护新就业形态劳动者劳动保障权益的指导意见（人社部发〔2021〕56号）',
      article: '第二条',
      summary: '企业应当依法合规用工，积极履行用工责任，稳定劳动者队伍。',
    },
    {
      law: '关于维护新就业形态劳动者劳动保障权益的指导意见（人社部发〔2021〕56号）',
      article: '第三条',
      summary: '健全公平就业、劳动报酬、休息、劳动安全、社会保险制度。',
    },
  ],
};

/** The citations a new letter starts with for the order's subject. */
export function defaultBasis(subjectCode: string): Citation[] {
  return [...tradeUnionLaw, ...(bySubject[subjectCode] ?? [])];
}
