-- A worker's own rating (selfservice/public_ratings) is a figure of its order (the self-rating channel of
-- satisfaction): writing it marks the order for recomputation, like a change to the order's own rows.
CREATE TRIGGER public_ratings_analytics_mark AFTER INSERT OR UPDATE ON public_ratings
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_order_of_row();
