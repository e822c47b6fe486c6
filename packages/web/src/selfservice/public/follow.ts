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
