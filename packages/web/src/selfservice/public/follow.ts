/**
 * One 查询进度 box for both numbers the worker may have been given: a request's 受理编号 (12351-…) and a membership
 * application's 申请编号 (RH + date + six digits). Each is followed by its own question to the server.
 */
export type FollowQuestion = { kind: 'request' | 'application'; number: string; phone: string };

const applicationNumber = /^RH\d{6,}$/;

export function followQuestion(v: { number: string; phone: string }): FollowQuestion {
  const number = v.number.trim();
  // An application's number read back from a paper or typed in lower case is still the worker's.
  if (applicationNumber.test(number.toUpperCase())) return { kind: 'application', number: number.toUpperCase(), phone: v.phone };
  return { kind: 'request', number, phone: v.phone };
}

/**
 * Which step the worker's page draws as under way: the last one while something is still to happen, none once the
 * request or the application is done with (its last step drawn finished, not as a step still in progress). The ends
 * are the server's (selfservice/domain/public-progress.ts `PublicStage`, domain/membership.ts `membershipStates`).
 */
const requestEnds: readonly string[] = ['closed', 'merged', 'not_accepted'];
const applicationEnds: readonly string[] = ['card_issued', 'declined'];
export const currentStep = (p: { stage: string; steps: readonly unknown[] }) => (requestEnds.includes(p.stage) ? p.steps.length : p.steps.length - 1);
export const currentApplicationStep = (a: { state: string; steps: readonly unknown[] }) =>
  applicationEnds.includes(a.state) ? a.steps.length : a.steps.length - 1;
