-- A statement that is all or nothing on a condition it only knows as it runs (the calls' guarded write,
-- calls/calls.repo.ts: a nonce seen before, a call another process changed meanwhile) fails itself with this, and
-- everything it wrote is undone. A function, not a failing cast: the planner folds a constant expression early.
CREATE OR REPLACE FUNCTION hotline_abort(reason text) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'HL409', MESSAGE = reason;
END
$$;
