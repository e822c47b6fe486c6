/** The only source of "now" for services and jobs; tests pass a fixed or stepping clock. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (at: Date | string) => {
  let t = new Date(at).getTime();
  return { now: () => new Date(t), set: (d: Date | string) => (t = new Date(d).getTime()), advance: (ms: number) => (t += ms) };
};
