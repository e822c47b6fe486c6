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

/**
 * Whether a reader of an application sees the applicant's phone number whole: only the staff (handler, dispatcher) of
 * the union it is routed to, who contact the applicant to accept it and issue the card. A leader has no such need,
 * nor does a reader at a union above it (the city over a county's application): they see it masked. The reader's
 * unit is the one their role reaches from (access/scope.ts scopeUnitIdOf: a hotline centre's staff act for its
 * federation, so an application routed to the federation is theirs to handle).
 */
export function seesApplicantPhone(reader: { role: string; reachUnitId: string }, application: { unitId: string }): boolean {
  return (reader.role === 'handler' || reader.role === 'dispatcher') && reader.reachUnitId === application.unitId;
}

/** The card number when the union prints none of its own: the application's number with the card prefix. */
export const defaultCardNumber = (applicationNumber: string) => `HY${applicationNumber.replace(/^RH/, '')}`;

type Words = { zh: string; en: string };

/**
 * What the applicant reads when following the application (自助服务「查询进度」): each step taken, with when, in
 * plain words; the reason when declined. The staff's own names are not shown.
 */
export function membershipSteps(a: {
  state: MembershipState;
  unitName: string;
  createdAt: Date;
  decidedAt: Date | null;
  cardIssuedAt: Date | null;
}): { at: string; text: Words }[] {
  const steps: { at: string; text: Words }[] = [
    { at: a.createdAt.toISOString(), text: { zh: `已提交入会申请，转${a.unitName}办理`, en: `Application submitted, passed to ${a.unitName}` } },
  ];
  if (a.decidedAt && a.state === 'declined')
    steps.push({ at: a.decidedAt.toISOString(), text: { zh: `${a.unitName}未同意入会`, en: `${a.unitName} declined the application` } });
  else if (a.decidedAt) steps.push({ at: a.decidedAt.toISOString(), text: { zh: `${a.unitName}已同意入会`, en: `${a.unitName} accepted the application` } });
  if (a.cardIssuedAt) steps.push({ at: a.cardIssuedAt.toISOString(), text: { zh: '已发放会员卡', en: 'Member card issued' } });
  return steps;
}
