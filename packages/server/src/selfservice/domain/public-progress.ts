import type { OrderState } from '../../orders/domain/states.js';

/**
 * What a worker following a request on the public page is told: the state in plain words, never the desk's terms,
 * internal notes or anything about other callers. One place, so the page and its tests agree.
 */
export type PublicStage = 'checking' | 'accepted' | 'handling' | 'reviewing' | 'answered' | 'closed' | 'merged' | 'not_accepted';

export const stageWords: Record<PublicStage, { zh: string; en: string }> = {
  checking: { zh: '已收到，热线工作人员正在核实', en: 'Received; the hotline is checking it' },
  accepted: { zh: '已受理，正在转交承办单位', en: 'Accepted; being passed to the unit that will handle it' },
  handling: { zh: '承办单位正在办理', en: 'Being handled' },
  reviewing: { zh: '承办单位已办理完毕，热线正在审核答复', en: 'Handled; the hotline is reviewing the answer' },
  answered: { zh: '已答复', en: 'Answered' },
  closed: { zh: '已办结', en: 'Closed' },
  merged: { zh: '已与反映同一事项的诉求合并办理', en: 'Merged with a request about the same matter' },
  not_accepted: { zh: '未予受理，如有疑问请拨打 12351', en: 'Not taken up; call 12351 with any question' },
};

export function publicStage(state: OrderState, awaitingCheck: boolean): PublicStage {
  switch (state) {
    case 'pending_dispatch':
      return awaitingCheck ? 'checking' : 'accepted';
    case 'pending_sign':
    case 'returned':
    case 'handling':
      return 'handling';
    case 'replied':
      return 'reviewing';
    case 'pending_callback':
    case 'callback_dissatisfied':
      return 'answered';
    case 'archived':
    case 'closed_at_intake':
      return 'closed';
    case 'merged':
      return 'merged';
    case 'invalid':
      return 'not_accepted';
  }
}

/** The answer is shown once the hotline accepted it (or gave it on the spot), never a reply still under review. */
export const answerShown = (stage: PublicStage) => stage === 'answered' || stage === 'closed';

/** A rating is taken once, after the answer, and only while the order still has one to rate. */
export const ratable = (stage: PublicStage, hasAnswer: boolean, alreadyRated: boolean) => answerShown(stage) && hasAnswer && !alreadyRated;

/** The steps of the timeline a worker sees, in plain words; every other event (notes, urges, internal checks) stays inside. */
export const publicSteps: Record<string, (unitName: string) => { zh: string; en: string }> = {
  create: () => ({ zh: '诉求已提交', en: 'Request submitted' }),
  close_at_intake: () => ({ zh: '热线已当场答复', en: 'Answered on the spot' }),
  check_request: () => ({ zh: '热线已核实受理', en: 'Checked and accepted by the hotline' }),
  dispatch: (u) => ({ zh: `已转交${u}办理`, en: `Passed on for handling (${u})` }),
  handle_at_hotline: () => ({ zh: '由热线直接办理', en: 'Handled by the hotline itself' }),
  sign: (u) => ({ zh: `${u}已接收`, en: `Received by ${u}` }),
  review_accept: () => ({ zh: '答复已审核', en: 'Answer reviewed' }),
  answer_with_article: () => ({ zh: '热线已答复', en: 'Answered by the hotline' }),
  archive: () => ({ zh: '已办结', en: 'Closed' }),
  callback_satisfied: () => ({ zh: '回访：满意，已办结', en: 'Called back: satisfied; closed' }),
  callback_dissatisfied: () => ({ zh: '回访：不满意，热线将重新处理', en: 'Called back: dissatisfied; the hotline will act again' }),
  reopen: () => ({ zh: '重新办理', en: 'Handled again' }),
  self_rated: () => ({ zh: '您已评价', en: 'You rated the handling' }),
};
