// Audited events per UTC day and actor, kept as events are appended (a trigger in the appending transaction), so
// the analytics dashboard and the report's per-day and per-actor figures read a few hundred rows instead of
// grouping a million events (issue 17). Existing trails are counted once here. Also an index that keeps budget
// usage (read by the budget utilisation chart) from scanning every proposal.
export default `
CREATE TABLE audit_day_counts (
  day TEXT NOT NULL, -- YYYY-MM-DD of the event's at (UTC)
  actor TEXT NOT NULL,
  events INTEGER NOT NULL CHECK (events > 0),
  PRIMARY KEY (day, actor)
) STRICT, WITHOUT ROWID;

INSERT INTO audit_day_counts (day, actor, events)
  SELECT substr(at, 1, 10), actor, count(*) FROM audit_events GROUP BY substr(at, 1, 10), actor;

CREATE TRIGGER audit_day_counts_append AFTER INSERT ON audit_events
BEGIN
  INSERT INTO audit_day_counts (day, actor, events) VALUES (substr(NEW.at, 1, 10), NEW.actor, 1)
    ON CONFLICT (day, actor) DO UPDATE SET events = events + 1;
END;

-- Budget usage reads the proposals charged to a line by hand: a few among 100,000 (budgets/usage.ts).
CREATE INDEX proposals_budget_line ON proposals(budget_line_id) WHERE budget_line_id IS NOT NULL;
`
