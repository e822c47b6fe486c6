-- After a dissatisfied callback the order kept the callback step and its deadline, and read "回访 超期" weeks after a
-- callback made on time; supervision urged and escalated the holding county, which cannot act. The order waits for the
-- dispatching unit's decision to reopen or archive it (step `reopen_or_archive`, orders/domain/effects.ts), for which
-- workflow.md sets no limit: the orders already waiting are put on that step, from the callback, with no deadline.
UPDATE "work_orders"
SET "current_step" = 'reopen_or_archive', "current_step_started_at" = "callback_at", "current_due_at" = NULL, "current_near_due_at" = NULL
WHERE "state" = 'callback_dissatisfied' AND "current_step" = 'callback';
