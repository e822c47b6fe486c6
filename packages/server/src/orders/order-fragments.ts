/**
 * Small expressions over the order tables, for a statement of another capability that needs one fact of an order in
 * the same round trip (the orders capability owns the tables; it spells what others may ask of them).
 */

/** The order's number, for an SQL expression naming its id (a column of the caller's statement). */
export const orderNumberText = (orderIdExpr: string) => `(select wo.number from work_orders wo where wo.id = ${orderIdExpr})`;

/**
 * The units co-handling the order and still taking part (not removed), as text[]: what `relationsOf` (relations.ts)
 * reads of them, for a list that computes the reader's relations to each of its rows without a query per row.
 */
export const activeCoHandlerUnitsText = (orderIdExpr: string) =>
  `array(select ch.unit_id::text from order_co_handlers ch where ch.order_id = ${orderIdExpr} and ch.removed_at is null)`;
