import type { Dayjs } from 'dayjs';
import type { ReviewAgenda, ReviewMeetings } from '../../api/supervision.js';

/** The weekly review page's shapes: an agenda order, a meeting and its follow-ups, the meeting form. */
export type AgendaOrder = ReviewAgenda['orders'][number];
export type Meeting = ReviewMeetings['meetings'][number];
export type MeetingItem = Meeting['items'][number];
export type FormValues = {
  heldOn: Dayjs;
  title?: string;
  attendees?: string;
  summary?: string;
  items: { orderId: string; number: string; reasons: AgendaOrder['reasons']; decision: string; ownerUnitId: string; dueOn: Dayjs }[];
};

export const day = (d: Dayjs) => d.format('YYYY-MM-DD');
