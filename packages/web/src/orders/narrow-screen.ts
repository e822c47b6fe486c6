import { Grid } from 'antd';
import { useState } from 'react';

/** antd's `md` breakpoint (token screenMD): below it a phone or a tablet held upright. */
const mdQuery = '(min-width: 768px)';

/**
 * Whether the window is narrower than antd's `md` breakpoint. antd's useBreakpoint answers only after its first layout
 * effect (an empty map before); the list would mount as a table and at once become cards. Until antd answers, the
 * window is asked directly; afterwards antd's answer follows the window as it changes.
 */
export function useNarrowScreen(): boolean {
  const [wideAtFirst] = useState(() => typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(mdQuery).matches);
  const { md } = Grid.useBreakpoint();
  return !(md ?? wideAtFirst);
}
