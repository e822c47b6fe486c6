/**
 * Small expressions over the order tables, for a statement of another capability that needs one fact of an order in
 * the same round trip (the orders capability owns the tables; it spells what others may ask of them).
 */

/** The order's number, for an SQL expression naming its id (a column of the caller's statement). */
export const orderNumberText = (orderIdExpr: string) => `(select wo.number from work_orders wo where wo.id = ${orderIdExpr})`;
