import { AppError } from '../platform/errors/app-error.js';
import type { Refusal } from './domain/state-machine.js';

/**
 * A refusal of the state machine as the API answers it: 409 (not now) or 403 (not you), its code and message, and
 * the message's English when the machine composed it of names (an English interface shows that, not Chinese).
 */
export const refusalError = (r: Refusal) => new AppError(r.kind, r.code, r.message, undefined, r.english);
