import type { IndustryKey } from './names.js';
import type { Rng } from './random.js';

/**
 * What callers say, per subject of the default catalog (taxonomy.md): templates with {slots} filled from the
 * order's employer, place, people and amounts. Consultations carry the answer an agent gives on the spot.
 */
export type TypeCode = 'consult' | 'help' | 'complaint' | 'suggestion';
export type SubjectText = {
  industries: readonly IndustryKey[];
  /** Share of dispatched requests that name an employer. */
  employerShare: number;
  /** Types of the requests that become orders (consultations answered on the spot are drawn apart). */
  types: readonly (readonly [TypeCode, number])[];
  workers: (rng: Rng) => number | null;
  /** Yuan; null when the matter has no sum. */
  amount: (rng: Rng, workers: number | null) => number | null;
  /** What the caller says, with the title the agent gives it. */
  stories: readonly { title: string; text: string; danger?: boolean }[];
  consults: readonly { q: string; a: string }[];
  suggestions?: readonly string[];
  resolved: readonly string[];
  unresolved: readonly string[];
};

const groupSize = (rng: Rng) => (rng.chance(0.55) ? 1 : rng.chance(0.7) ? rng.int(2, 9) : rng.int(10, 48));
const wages = (rng: Rng, workers: number | null) => Math.round(((workers ?? 1) * rng.int(2, 10) * rng.int(3200, 8800)) / 100) * 100;

const generalConsults = [
  {
    q: '来电人咨询劳动争议仲裁的申请程序和所需材料。',
    a: '已告知：可向用人单位所在地或劳动合同履行地的劳动人事争议仲裁委员会申请仲裁，需提交仲裁申请书、身份证明及劳动关系证明材料，仲裁时效为一年；工会可提供免费法律援助。',
  },
  {
    q: '来电人咨询工会法律援助的申请条件。',
    a: '已告知：职工因劳动权益受到侵害需要法律帮助的，可向属地工会法律援助站申请，经审核符合条件的免费提供法律咨询、代写文书和仲裁诉讼代理。',
  },
];

export const subjectTexts: Record<string, SubjectText> = {
  wage_arrears: {
    industries: ['construction', 'construction', 'engineering', 'decoration', 'property', 'catering', 'logistics', 'coal', 'farming', 'trade'],
    employerShare: 1,
    types: [
      ['complaint', 92],
      ['help', 8],
    ],
    workers: groupSize,
    amount: wages,
    stories: [
      {
        title: '{employerShort}拖欠{n}名工人工资{amount}',
        text: '来电人反映，其与{others}名工友在{place}务工，从事{job}工作，用工单位为{employer}。自{startMonth}起被拖欠工资共{months}个月，合计{amount}。多次向项目负责人索要，对方以工程款未结算为由推脱，现项目已停工，工友们生活困难，请求工会帮助追讨。',
      },
      {
        title: '反映{project}拖欠农民工工资',
        text: '来电人称在{employer}承包的{project}做{job}，班组共{n}人，劳务分包负责人拖欠工资{amount}，总包单位称已将工程款拨付给分包方。来电人已向属地劳动监察大队反映，尚未处理，请求工会协调。',
      },
      {
        title: '{employerShort}拖欠离职工资{months}个月',
        text: '来电人于{startMonth}入职{employer}任{job}，近期离职，公司至今未结清最后{months}个月工资{amount}，并拒绝出具工资清单。来电人有考勤记录和微信聊天记录，请求工会帮助。',
      },
      {
        title: '{employerShort}拖欠{n}名职工工资',
        text: '来电人反映{employer}以经营困难为由，连续{months}个月只发放基本生活费，拖欠包括来电人在内{n}名职工工资{amount}，部分职工已到公司讨要，担心事态扩大。',
      },
      {
        title: '请求帮助追讨被拖欠的工资',
        text: '来电人在{place}{employer}做{job}，老板口头承诺年底一次性结清工资，现已拖欠{months}个月{amount}，老板电话时通时不通，请求工会介入。',
      },
    ],
    consults: [
      {
        q: '来电人咨询被拖欠工资应向哪个部门投诉、需准备哪些证据。',
        a: '已告知：可向用工所在地人社部门劳动保障监察机构投诉，或申请劳动仲裁；工会可协助调解。需准备劳动合同或工作证、考勤记录、工资条、聊天记录等能证明劳动关系和欠薪数额的材料。',
      },
      {
        q: '来电人咨询包工头跑路后工资由谁支付。',
        a: '已告知：根据《保障农民工工资支付条例》，分包单位拖欠农民工工资的，由施工总承包单位先行清偿；违法分包、转包给不具备用工主体资格的个人的，由施工单位清偿。可向项目所在地人社部门投诉。',
      },
    ],
    resolved: [
      '属地工会联合劳动保障监察大队约谈{employer}及劳务分包负责人，督促制定支付计划，拖欠工资已全部支付到位。',
      '经工会协调，总承包单位先行垫付农民工工资，已通过银行代发到工人个人账户。',
      '工会组织劳动关系双方现场协商，用人单位当场签订还款协议，分两期付清欠薪。',
    ],
    unresolved: [
      '经约谈，用人单位资金链断裂暂无力支付，已协助工人向劳动人事争议仲裁院申请仲裁，工会法律援助律师代理。',
      '用人单位负责人失联，已将线索移交属地人社部门立案查处，工会持续跟进。',
    ],
  },
  labor_contract: {
    industries: ['trade', 'catering', 'property', 'machinery', 'hotel', 'electronics', 'retail', 'food'],
    employerShare: 0.95,
    types: [
      ['complaint', 85],
      ['consult', 10],
      ['help', 5],
    ],
    workers: (rng) => (rng.chance(0.85) ? 1 : rng.int(2, 12)),
    amount: (rng) => (rng.chance(0.6) ? Math.round(rng.int(8000, 96000) / 100) * 100 : null),
    stories: [
      {
        title: '{employerShort}违法解除劳动合同',
        text: '来电人在{employer}工作{years}年，一直未签订书面劳动合同。近日公司口头通知其不用再来上班，未支付任何经济补偿。来电人认为公司违法解除劳动合同，请求工会帮助维权。',
      },
      {
        title: '要求{employerShort}支付经济补偿',
        text: '来电人称{employer}以“末位淘汰”为由与其解除劳动合同，来电人认为公司未依法提前三十日通知，也未支付经济补偿，要求支付经济补偿金{amount}。',
      },
      {
        title: '反映被迫签订放弃权益承诺书',
        text: '来电人反映，{employer}要求{n}名员工签订自愿放弃社保和经济补偿的“承诺书”，不签即不予续签劳动合同，员工们不知如何应对，请求工会帮助。',
      },
      { title: '试用期被无故辞退', text: '来电人在{place}一家门店做{job}，试用期第二个月被店长口头辞退，未说明理由，也未结算当月工资，请求工会帮助。' },
      {
        title: '企业被收购后要求清零工龄',
        text: '来电人在{employer}从事{job}工作{years}年，公司被收购后要求员工重新签订劳动合同并清零工龄，来电人不同意，请求工会协调。',
      },
    ],
    consults: [
      {
        q: '来电人咨询在公司工作已满一年仍未签订书面劳动合同，可以主张哪些权利。',
        a: '已告知：用人单位自用工之日起超过一个月不满一年未订立书面劳动合同的，应向劳动者每月支付二倍工资；满一年未订立的，视为已订立无固定期限劳动合同。建议保留工资流水、考勤、工作证等证据，可向劳动人事争议仲裁委员会申请仲裁。',
      },
      {
        q: '来电人咨询试用期被辞退是否有补偿。',
        a: '已告知：试用期内用人单位须证明劳动者不符合录用条件方可解除并说明理由；违法解除的可主张赔偿金。建议先与公司协商，协商不成可申请劳动仲裁。',
      },
      {
        q: '来电人咨询公司搬迁到外地、本人不愿随迁能否要求经济补偿。',
        a: '已告知：用人单位搬迁属于订立劳动合同时依据的客观情况发生重大变化，双方协商不能就变更达成一致的，单位解除合同应支付经济补偿。',
      },
    ],
    resolved: ['经工会调解，公司同意支付经济补偿并出具解除劳动合同证明，来电人表示认可。', '工会约谈用人单位，公司已与员工补签书面劳动合同，撤回“承诺书”。'],
    unresolved: ['双方分歧较大未能调解成功，已告知来电人申请劳动仲裁，工会法律援助律师提供代理。'],
  },
  social_insurance: {
    industries: ['trade', 'catering', 'property', 'machinery', 'security', 'logistics', 'retail'],
    employerShare: 0.9,
    types: [
      ['complaint', 80],
      ['consult', 12],
      ['suggestion', 3],
      ['help', 5],
    ],
    workers: (rng) => (rng.chance(0.8) ? 1 : rng.int(2, 30)),
    amount: () => null,
    stories: [
      {
        title: '{employerShort}未缴纳社会保险',
        text: '来电人反映{employer}自{startMonth}起未为其缴纳养老、医疗等社会保险，多次要求补缴未果，现本人生病住院无法报销。',
      },
      { title: '反映社保缴费基数低于实际工资', text: '来电人称{employer}按最低基数为{n}名职工缴纳社保，与实际工资差距较大，要求按实际工资补缴。' },
      { title: '工资中扣除社保但未实际缴纳', text: '来电人反映{employer}每月从工资中扣除社保个人部分，但查询发现近{months}个月未实际缴纳，请求工会帮助核实。' },
    ],
    consults: [
      {
        q: '来电人咨询离职后养老保险如何转移接续。',
        a: '已告知：跨省流动就业的，可通过国家社会保险公共服务平台或掌上12333申请转移，新参保地社保经办机构受理后办理，无需本人往返两地。',
      },
      {
        q: '来电人咨询灵活就业人员如何参加职工医保。',
        a: '已告知：可持身份证到户籍地或居住地医保经办机构办理灵活就业人员参保登记，也可通过当地政务服务平台线上办理。',
      },
      {
        q: '来电人咨询公司不缴社保，自己辞职能否要求经济补偿。',
        a: '已告知：用人单位未依法缴纳社会保险费的，劳动者可以解除劳动合同并要求支付经济补偿，建议书面通知单位解除理由并保留证据。',
      },
    ],
    suggestions: ['来电人建议简化异地就医备案手续，方便在外务工人员看病报销。'],
    resolved: ['经工会协调，公司已为来电人补缴欠缴的社会保险费，来电人查询已到账。', '已协调属地社保经办机构核查，公司承诺按实际工资调整缴费基数。'],
    unresolved: ['公司拒不补缴，已引导来电人向社会保险费征收机构投诉，工会持续跟踪。'],
  },
  work_injury: {
    industries: ['construction', 'machinery', 'coal', 'logistics', 'food', 'transport'],
    employerShare: 0.95,
    types: [
      ['complaint', 70],
      ['help', 25],
      ['consult', 5],
    ],
    workers: () => 1,
    amount: (rng) => Math.round(rng.int(6000, 180000) / 100) * 100,
    stories: [
      {
        title: '工伤后{employerShort}拒绝申报工伤',
        text: '来电人近期在{employer}工作时{injury}，住院治疗花费{amount}，公司未为其缴纳工伤保险，至今拒绝申报工伤，也不承担医疗费用。',
      },
      {
        title: '请求协助申请工伤认定',
        text: '来电人的丈夫在{employer}位于{place}的工地{injury}，公司负责人只支付了部分医疗费后不再露面，家属请求工会协助申请工伤认定。',
      },
      {
        title: '务工受伤后老板拒付医疗费',
        text: '来电人在{place}务工时{injury}，雇主是个人包工头，只支付了部分医疗费，来电人请求工会协助申请工伤认定和赔偿。',
      },
      { title: '反映疑似职业病诊断受阻', text: '来电人反映在{employer}从事粉尘作业{years}年，近期被诊断疑似尘肺病，公司拒绝提供职业病诊断所需的职业史材料。' },
    ],
    consults: [
      {
        q: '来电人咨询工伤认定的申请时限。',
        a: '已告知：用人单位应在事故伤害发生之日起30日内提出工伤认定申请；用人单位未申请的，工伤职工或其近亲属可在1年内直接向社会保险行政部门提出。',
      },
    ],
    resolved: ['工会协助来电人提交工伤认定申请，已受理；经协调公司先行垫付医疗费用。', '经调解，用人单位同意按工伤待遇标准一次性赔偿，双方签订协议。'],
    unresolved: ['公司否认劳动关系，工会已协助来电人申请确认劳动关系仲裁，法律援助律师代理。'],
  },
  working_hours: {
    industries: ['machinery', 'electronics', 'retail', 'catering', 'logistics', 'express'],
    employerShare: 0.95,
    types: [
      ['complaint', 80],
      ['consult', 15],
      ['suggestion', 5],
    ],
    workers: (rng) => (rng.chance(0.6) ? 1 : rng.int(3, 40)),
    amount: (rng) => (rng.chance(0.5) ? Math.round(rng.int(2000, 40000) / 100) * 100 : null),
    stories: [
      { title: '{employerShort}长期加班不支付加班费', text: '来电人反映{employer}长期实行“做六休一”，每天工作12小时，从未支付加班费，要求公司依法支付。' },
      { title: '综合工时制未经审批不付加班费', text: '来电人称公司以“综合工时制”为由不支付{n}名员工的周末加班工资，但公司并未取得综合计算工时工作制审批。' },
      { title: '长期加班无加班费', text: '来电人在{place}一家企业做{job}，每天工作11个小时，每月只休两天，从未拿到加班费，请求工会帮助维权。' },
      { title: '反映公司不安排带薪年休假', text: '来电人反映{employer}不允许职工休带薪年休假，也不支付未休年休假工资报酬。' },
    ],
    consults: [
      {
        q: '来电人咨询法定节假日加班工资如何计算。',
        a: '已告知：法定休假日安排工作的，应支付不低于工资300%的工资报酬；休息日安排工作又不能安排补休的，支付不低于200%的工资报酬。',
      },
      { q: '来电人咨询带薪年休假的天数。', a: '已告知：累计工作满1年不满10年的，年休假5天；满10年不满20年的，10天；满20年的，15天。' },
    ],
    suggestions: ['来电人建议劳动监察部门和工会加强对企业超时加班的监督检查，并公开典型案例。'],
    resolved: ['经工会约谈，公司调整排班，补发加班工资，并承诺依法安排年休假。'],
    unresolved: ['公司不认可加班事实，已告知来电人收集考勤证据申请劳动仲裁。'],
  },
  labor_safety: {
    industries: ['machinery', 'coal', 'construction', 'food', 'energy'],
    employerShare: 1,
    types: [['complaint', 100]],
    workers: (rng) => rng.int(5, 120),
    amount: () => null,
    stories: [
      { title: '反映{employerShort}存在安全隐患', text: '来电人反映{employer}车间{hazard}，职工多次向班组长反映未整改，担心发生安全事故。' },
      { title: '高温天气未落实防暑降温措施', text: '来电人称{place}某工地高温天气仍安排工人中午露天作业，未发放防暑降温用品和高温津贴。' },
    ],
    consults: [],
    resolved: [
      '工会劳动保护监督检查员到企业检查，督促整改安全隐患，已复查整改到位。',
      '已向企业送达《工会劳动法律监督提示函》，企业调整作息时间并发放防暑降温用品。',
    ],
    unresolved: ['已将安全隐患线索移送属地应急管理部门，工会跟踪督促。'],
  },
  women_workers: {
    industries: ['trade', 'retail', 'electronics', 'catering', 'hotel'],
    employerShare: 1,
    types: [
      ['complaint', 76],
      ['consult', 19],
      ['suggestion', 5],
    ],
    workers: () => 1,
    amount: () => null,
    stories: [
      {
        title: '孕期被{employerShort}变相辞退',
        text: '来电人怀孕{months}个月，{employer}以岗位调整为由将其调至外地门店，拒绝后被通知解除劳动合同。来电人认为公司变相辞退孕期女职工。',
      },
      { title: '产假后被降薪调岗', text: '来电人反映产假结束回岗后，{employer}将其工资降低三成并调离原岗位，请求工会维护女职工权益。' },
      { title: '反映遭受职场骚扰', text: '来电人反映所在部门负责人多次对其言语骚扰，向{employer}反映后未得到处理。' },
    ],
    consults: [
      { q: '来电人咨询产假天数和生育津贴。', a: '已告知：女职工生育享受98天产假，并按本地规定享受延长产假；参加生育保险的，产假期间按规定享受生育津贴。' },
    ],
    suggestions: ['来电人建议工会推动辖区企业设立母婴室，方便哺乳期女职工。'],
    resolved: ['工会女职工委员会约谈企业，公司撤销调岗决定，恢复来电人原岗位和工资待遇。'],
    unresolved: ['双方未达成一致，工会协助来电人申请劳动仲裁并提供法律援助。'],
  },
  new_forms: {
    industries: ['delivery', 'platform', 'express', 'transport'],
    employerShare: 0.9,
    types: [
      ['complaint', 67],
      ['help', 28],
      ['suggestion', 5],
    ],
    workers: (rng) => (rng.chance(0.8) ? 1 : rng.int(3, 25)),
    amount: (rng) => Math.round(rng.int(300, 36000) / 10) * 10,
    stories: [
      { title: '外卖骑手被站点不合理扣款', text: '来电人是{employer}的外卖骑手，近期因配送超时被站点以“违规”为由扣款{amount}，申诉无果，认为扣款规则不合理。' },
      { title: '网约车账户收入无法提现', text: '来电人称其通过{employer}从事网约车驾驶，车辆被无故封号，账户内{amount}收入无法提现。' },
      { title: '货车司机运费被拖欠', text: '来电人是货车司机，为{employer}运输货物，运费{amount}被拖欠{months}个月，对方以货主未结款为由拒付。' },
      {
        title: '外卖骑手配送途中受伤无人负责',
        text: '来电人是外卖骑手，在{place}配送途中被车辆撞伤，站点称其为众包骑手、不属于员工，拒绝承担医疗费，来电人请求工会帮助。',
      },
      {
        title: '快递员被要求承担丢件赔偿',
        text: '来电人是{employer}快递员，所在站点要求自行承担派件丢失的全部赔偿，且每月扣除“押金”，希望工会帮助维权并了解如何加入工会。',
      },
    ],
    consults: [
      {
        q: '来电人是外卖骑手，咨询如何加入工会、能享受哪些服务。',
        a: '已告知：可通过职工服务App“网上入会”或到就近的新就业形态劳动者服务站申请入会，入会后可享受法律援助、医疗互助、户外劳动者驿站等服务。',
      },
    ],
    suggestions: ['来电人建议推动外卖平台公开派单、计价和扣款规则，听取骑手意见后再调整。'],
    resolved: ['工会与平台站点协商，退还不合理扣款，站点承诺修改考核规则。', '经工会协调，对方已结清拖欠运费。'],
    unresolved: ['平台方称系合作关系不予处理，已告知来电人通过诉讼途径主张权利，工会提供法律援助。'],
  },
  union_membership: {
    industries: ['trade', 'electronics', 'logistics', 'property', 'delivery'],
    employerShare: 0.7,
    types: [
      ['help', 75],
      ['consult', 25],
    ],
    workers: (rng) => (rng.chance(0.5) ? rng.int(20, 300) : null),
    amount: () => null,
    stories: [
      { title: '职工申请在{employerShort}建立工会', text: '来电人是{employer}员工，公司约{n}名职工尚未建立工会，职工希望成立工会，请求上级工会指导建会。' },
      { title: '新就业形态劳动者申请入会', text: '来电人是新就业形态劳动者，希望加入工会，咨询入会途径并请求协助办理。' },
      { title: '会员关系接转', text: '来电人因工作调动，工会会员关系需转到新单位，原单位工会已撤销，请求协助接转。' },
    ],
    consults: [{ q: '来电人咨询如何网上申请入会。', a: '已告知：可通过职工服务App或微信公众号“网上入会”栏目填写信息申请入会，由属地工会审核后办理会员卡。' }],
    resolved: ['属地工会已上门指导企业筹建工会，召开会员大会选举产生工会委员会。', '已为来电人办理入会手续并发放会员卡。'],
    unresolved: ['企业暂不同意建会，属地工会将持续做企业工作并列入建会重点企业名单。'],
  },
  hardship_aid: {
    industries: ['trade', 'machinery', 'property', 'catering'],
    employerShare: 0.6,
    types: [['help', 100]],
    workers: () => 1,
    amount: () => null,
    stories: [
      { title: '困难职工申请帮扶', text: '来电人是{employer}职工，{reason}，家庭生活十分困难，请求工会给予困难帮扶。' },
      { title: '申请金秋助学', text: '来电人申请金秋助学，孩子今年考入大学，家庭为建档困难职工家庭，咨询申请条件并请求协助。' },
    ],
    consults: [
      {
        q: '来电人咨询困难职工建档的条件。',
        a: '已告知：家庭人均收入低于当地城市最低生活保障标准，或因重大疾病、意外灾害等导致生活困难的职工，可向所在单位工会或属地工会申请建档，经审核后纳入帮扶。',
      },
    ],
    resolved: ['属地工会入户核实，已将其纳入困难职工档案，发放帮扶救助金。', '已为其子女办理金秋助学，助学金已发放。'],
    unresolved: ['经核实暂不符合建档条件，已为其申请临时救助并转介民政部门。'],
  },
  mutual_insurance: {
    industries: ['trade', 'machinery', 'property'],
    employerShare: 0.5,
    types: [
      ['help', 80],
      ['consult', 20],
    ],
    workers: () => 1,
    amount: (rng) => Math.round(rng.int(3000, 60000) / 100) * 100,
    stories: [{ title: '医疗互助理赔未到账', text: '来电人住院治疗花费{amount}，已参加职工医疗互助保障，提交理赔材料已一个多月仍未到账，请求协助查询。' }],
    consults: [
      {
        q: '来电人咨询职工医疗互助保障如何参保、怎样报销。',
        a: '已告知：以单位为参保单位集体参加，保障期一年；住院费用经基本医保报销后个人负担的合规部分，按规定比例给予互助金，具体以当期互助保障办法为准。',
      },
    ],
    resolved: ['已协调互助保障经办机构加快审核，互助金已打入来电人账户。'],
    unresolved: ['理赔材料缺少出院小结，已告知来电人补齐后重新提交。'],
  },
  skills_employment: {
    industries: ['trade', 'machinery'],
    employerShare: 0.1,
    types: [
      ['help', 70],
      ['consult', 15],
      ['suggestion', 15],
    ],
    workers: () => null,
    amount: () => null,
    stories: [
      { title: '申请参加{course}培训', text: '来电人失业在家，希望参加工会组织的{course}培训并推荐就业。' },
      { title: '请求推荐就业', text: '来电人是下岗职工，今年{age}岁，希望工会推荐合适的就业岗位。' },
    ],
    consults: [{ q: '来电人咨询工会技能培训有无补贴。', a: '已告知工会免费技能培训班的报名方式；取得职业技能等级证书的，可按规定申领职业技能提升补贴。' }],
    suggestions: ['来电人建议工会针对新就业形态劳动者开设夜间和周末技能培训班，方便外卖骑手、网约车司机参加。'],
    resolved: ['已为来电人报名{course}培训班，并推送用工岗位信息。'],
    unresolved: ['本期培训名额已满，已登记其信息，下期开班时优先通知。'],
  },
  psych_care: {
    industries: ['electronics', 'retail', 'delivery'],
    employerShare: 0.3,
    types: [['help', 100]],
    workers: () => 1,
    amount: () => null,
    stories: [
      { title: '职工请求心理疏导', text: '来电人近期因工作压力大、长期失眠，情绪低落，希望获得心理疏导。' },
      {
        title: '讨薪职工情绪激动需跟进',
        text: '来电人因被拖欠工资多月情绪激动，称要采取极端方式讨薪，经接线员安抚后情绪稍稳定，需属地工会尽快跟进。',
        danger: true,
      },
      { title: '职工受孤立请求心理咨询', text: '来电人称与同事发生矛盾后被孤立，产生厌工情绪，希望工会提供心理咨询服务。' },
    ],
    consults: [],
    resolved: ['已安排心理咨询师与来电人进行一对一疏导，来电人情绪稳定，约定定期回访。'],
    unresolved: ['来电人暂不愿接受面谈，已告知心理援助热线，工会将继续关注。'],
  },
  union_services: {
    industries: ['trade', 'machinery'],
    employerShare: 0.3,
    types: [
      ['help', 45],
      ['suggestion', 35],
      ['complaint', 20],
    ],
    workers: () => null,
    amount: () => null,
    stories: [
      { title: '会员卡普惠服务无法使用', text: '来电人反映工会会员卡普惠服务无法使用，请求工会协调开通。' },
      { title: '反映企业工会不开展活动', text: '来电人反映所在企业工会长期不开展活动，会费使用情况不公开，希望上级工会督促整改。' },
    ],
    consults: [{ q: '来电人咨询工会会员卡有哪些普惠服务。', a: '已告知会员卡可享受的医疗互助、消费优惠、免费体检等普惠服务及激活方式。' }],
    suggestions: [
      '来电人建议工会在{county}增设户外劳动者服务站点，为环卫工人、快递员提供饮水、休息和充电服务。',
      '来电人建议工会职工服务App增加劳动法律法规在线咨询功能。',
    ],
    resolved: ['已协调会员卡合作银行开通服务，来电人确认可以正常使用。', '建议已转相关部门研究，年内计划在辖区新增服务站点。'],
    unresolved: ['已转交责任部门研究，暂无法在短期内落实，已向来电人说明。'],
  },
};

/** Consultations answered on the spot that do not belong to one subject's list. */
export const sharedConsults = generalConsults;

export const injuries = ['从脚手架上摔下致腰椎骨折', '被机器压伤右手', '搬运货物时扭伤腰部', '在送货途中发生交通事故受伤', '被钢管砸伤头部'];
export const hazards = ['通风设备长期损坏、粉尘浓度大', '未给一线工人配发防护口罩和耳塞', '消防通道被堆放的货物堵塞', '使用的起重设备多年未检测'];
export const hardships = ['妻子患尿毒症需长期透析', '本人因病丧失劳动能力', '家中房屋因暴雨受损', '丈夫因工伤去世，独自抚养两个孩子'];
export const courses = ['育婴员', '电工', '焊工', '中式烹调', '养老护理员', '电商直播'];
export const projects = ['某棚户区改造项目', '某小区二期住宅楼项目', '某学校教学楼建设项目', '某商业综合体项目', '某市政道路改造工程', '某物流园仓储项目'];
export const spots = ['某小区建设项目工地', '某商业综合体项目工地', '工业园区内', '某物流园', '某商场', '某住宅小区', '某写字楼', '某农贸市场'];

/** Fills {slots}; a slot without a value stays visible so a missing one is caught in review, not hidden. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Sums as people say them: 2.3万元 from ten thousand up, whole yuan below. */
export function yuan(amount: number): string {
  return amount >= 10_000 ? `约${(amount / 10_000).toFixed(1).replace(/\.0$/, '')}万元` : `${amount}元`;
}
