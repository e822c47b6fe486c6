import { pct, type Figures } from '../api.js';

/**
 * Today's calls as the wall shows them: offered, answered and the answer rate, or null when the server has no call
 * data for the day or the scope (calls null: "暂无话务数据", never a 0 that reads as "nobody called").
 */
export function callsShown(f: Pick<Figures, 'calls' | 'callsAnswered' | 'answerRate'>): { offered: string; answered: string; answerRate: string } | null {
  if (f.calls === null) return null;
  return { offered: String(f.calls), answered: f.callsAnswered === null ? '—' : String(f.callsAnswered), answerRate: pct(f.answerRate) };
}
