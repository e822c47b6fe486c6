/** An order's id as the server gives it (a UUID): anything else in /orders/:id names no order. */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isOrderId = (id: string): boolean => uuid.test(id);
