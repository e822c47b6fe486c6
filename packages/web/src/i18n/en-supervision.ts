/** English of the supervision screens of issue 11 (instructions, emergency, reviews, outbound; merged in en.ts). */
export const enSupervision: Record<string, string> = {
  领导批示: "Leader's instruction",
  确认批示: 'Acknowledge instructions',
  记录应急处置方式: 'Record the emergency handling way',
  派单交办: 'Dispatch',
  热线直接办理: 'Handle at the hotline',
  调解处置: 'Mediate',
  '应急工单：已进入应急机制（危、众、多、大、隐或重大），每个工作日须报告进展':
    'Emergency order: in the emergency mechanism (danger, mass, repeat, large, hidden or major); a progress note every working day',
  尚未记录处置方式: 'No handling way recorded yet',
  记录处置方式: 'Record the way',
  '待省总工会领导批示：批示后方可派单': "Waiting for a provincial leader's instruction before dispatch",
  '待承办单位主要领导批示：批示后方可办结反馈': "Waiting for the receiving unit's main leader's instruction before reply",
  暂无批示: 'No instructions',
  省级: 'Provincial',
  已确认: 'Acknowledged',
  待确认: 'To acknowledge',
  批示内容: 'Instruction',
  批示: 'Instruct',
  '应急机制：{n} 件应急工单在办': 'Emergency mechanism: {n} emergency orders open',
};
