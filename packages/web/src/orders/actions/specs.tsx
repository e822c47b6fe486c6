import type { OrderAction } from '../../api/types.js';
import type { ActionSpec } from './ActionDialog.js';
import { closureSpecs } from './specs/closure.js';
import { dispatchSpecs } from './specs/dispatch.js';
import { handlingSpecs } from './specs/handling.js';
import { mergeLinkSpecs } from './specs/merge-link.js';
import type { V } from './specs/values.js';

export { maxUploadBytes } from './specs/handling.js';

/**
 * The dialog of every order action; the detail page shows one button per action the server allows. One spec per
 * action, kept by the stage of the order's life it belongs to (specs/), so a stage's dialogs read together.
 */
export const actionSpecs: Partial<Record<OrderAction | 'callback', ActionSpec<V>>> = {
  ...dispatchSpecs,
  ...handlingSpecs,
  ...closureSpecs,
  ...mergeLinkSpecs,
};
