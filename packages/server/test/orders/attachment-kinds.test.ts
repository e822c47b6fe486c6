import { describe, expect, it } from 'vitest';
import { attachmentKindNames, attachmentKinds } from '../../src/handling/handling.service.js';

/**
 * The upload dialog offers the categories of its own copy (web shared/labels.ts attachmentKindLabels), and the timeline
 * and the attachments card name them by it; the upload route accepts only `attachmentKinds` and names them in its
 * refusal by `attachmentKindNames`. A category offered there and not accepted here is refused at every upload; one
 * accepted here and not offered there cannot be chosen; a name changed on one side only calls one thing two ways.
 */
describe("the web's copy of the attachment categories (packages/web/src/shared/labels.ts)", () => {
  it('offers exactly the categories the upload accepts, in the same order and by the same names', async () => {
    const webFile = new URL('../../../web/src/shared/labels.ts', import.meta.url).href;
    const web = (await import(webFile)) as { attachmentKindLabels: Record<string, string> };
    expect(Object.keys(web.attachmentKindLabels)).toEqual([...attachmentKinds]);
    expect(Object.entries(web.attachmentKindLabels)).toEqual(attachmentKinds.map((k) => [k, attachmentKindNames[k]]));
  });
});
