/** 入会申请's own small loop: received → accepted → member card issued; or received → declined (with a reason). */
export const membershipStates = ['received', 'accepted', 'card_issued', 'declined'] as const;
export type MembershipState = (typeof membershipStates)[number];
export const membershipActions = ['accept', 'issue_card', 'decline'] as const;
export type MembershipAction = (typeof membershipActions)[number];

export const membershipStateNames: Record<MembershipState, { zh: string; en: string }> = {
  received: { zh: '已收到', en: 'Received' },
  accepted: { zh: '已同意入会', en: 'Accepted' },
  card_issued: { zh: '已发会员卡', en: 'Member card issued' },
  declined: { zh: '未通过', en: 'Declined' },
};

const moves: Record<MembershipAction, { from: MembershipState; to: MembershipState }> = {
  accept: { from: 'received', to: 'accepted' },
  issue_card: { from: 'accepted', to: 'card_issued' },
  decline: { from: 'received', to: 'declined' },
};

/** The next state, or null when the action does not apply in this state. */
export function nextMembershipState(state: MembershipState, action: MembershipAction): MembershipState | null {
  const m = moves[action];
  return m.from === state ? m.to : null;
}

/** What a staff member may do with an application now (the buttons shown). */
export const membershipActionsIn = (state: MembershipState): MembershipAction[] => membershipActions.filter((a) => moves[a].from === state);

/** The card number when the union prints none of its own: the application's number with the card prefix. */
export const defaultCardNumber = (applicationNumber: string) => `HY${applicationNumber.replace(/^RH/, '')}`;
