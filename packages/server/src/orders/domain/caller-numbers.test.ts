import { describe, expect, it } from 'vitest';
import { repeatedCallerNumbers } from './caller-numbers.js';

describe('repeatedCallerNumbers', () => {
  it('names each caller whose number an earlier one gave, or the order already has', () => {
    expect(repeatedCallerNumbers(['13904710002', '13904710003', '13904710002', '13904710002'])).toEqual([2, 3]);
    expect(repeatedCallerNumbers(['13904710002'], ['13904710001', '13904710002'])).toEqual([0]);
    expect(repeatedCallerNumbers(['13904710004'], ['13904710001', null])).toEqual([]);
  });

  it('lets callers without a number be, however many', () => {
    expect(repeatedCallerNumbers([undefined, null, '', undefined], [null])).toEqual([]);
  });
});
