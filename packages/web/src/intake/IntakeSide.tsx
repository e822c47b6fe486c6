import type { ReactNode } from 'react';

/**
 * The column beside the intake form, in the order the agent needs it while the caller talks. First the intake hints
 * (受理提示: this number's earlier orders, the employer's open orders, thresholds reached): they decide what happens
 * next — attach the caller to an order already open, or warn of a repeat — and must show without scrolling (at
 * 1440×900 five knowledge articles and the reading above them pushed the hints below the fold). Then the knowledge
 * base's suggestions for the narrative, then the reading of it, then the keys.
 */
export function IntakeSide({ hints, knowledge, reading, footer }: { hints: ReactNode; knowledge: ReactNode; reading: ReactNode; footer: ReactNode }) {
  return (
    <div className="intake-side" data-testid="intake-side">
      {hints}
      {knowledge}
      {reading}
      {footer}
    </div>
  );
}
