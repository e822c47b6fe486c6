import type { OrderView } from '../api/types.js';
import type { T } from '../i18n/i18n.js';

/**
 * Printing an order (打印): the page itself, printed with orders.css's @media print rules — the app's bar, the buttons
 * and the working panels left out, every card in one column, notes in full. The document's title names the file a
 * "print to PDF" saves: the order's number.
 */
export const printTitle = (o: Pick<OrderView, 'number'>, t: T) => t('工单 {number}', { number: o.number });

/** Prints with the order's title, the page's own title back afterwards. */
export function printOrder(o: Pick<OrderView, 'number'>, t: T, win: Pick<Window, 'print'> = window, doc: Pick<Document, 'title'> = document): void {
  const before = doc.title;
  doc.title = printTitle(o, t);
  try {
    win.print();
  } finally {
    doc.title = before;
  }
}
