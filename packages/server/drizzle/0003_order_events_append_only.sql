-- The order timeline can't be edited: refuse UPDATE and DELETE at the database itself, like the audit log.
CREATE TRIGGER order_events_append_only BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
