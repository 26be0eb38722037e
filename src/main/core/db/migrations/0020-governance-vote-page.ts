// The governance page at 80,000 votes (issue 22): which vote counts, the heaviest first and the tally are kept at
// write time instead of being recomputed from every vote on each page open.
//
// counted: 1 on each voter's latest vote (by signed timestamp), 0 on the votes it superseded; set by insertVotes in
// the same transaction as the vote, back-filled here from the same rule.
//
// governance_vote_page: counted votes first, then the heaviest. Weights are canonical decimal text (no leading
// zeros), so (length, text) descending is largest first, as in 0019; voter then timestamp break ties.
//
// governance_vote_tallies: the sums of the counted votes' weights per support, as decimal text (they outgrow
// SQLite's 64-bit integers, so they are summed as bigints in code). A cache, re-derivable from the votes: a missing
// row is computed from them on first use, so this migration leaves the table empty.
export default `
ALTER TABLE governance_votes ADD COLUMN counted INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1));
UPDATE governance_votes SET counted = 1
  WHERE timestamp = (SELECT max(w.timestamp) FROM governance_votes w
                     WHERE w.proposal_id = governance_votes.proposal_id AND w.voter = governance_votes.voter);
CREATE INDEX governance_votes_page
  ON governance_votes(proposal_id, counted DESC, length(weight) DESC, weight DESC, voter, timestamp);

CREATE TABLE governance_vote_tallies (
  proposal_id TEXT PRIMARY KEY REFERENCES governance_proposals(id),
  for_votes TEXT NOT NULL,
  against_votes TEXT NOT NULL,
  abstain_votes TEXT NOT NULL,
  voters INTEGER NOT NULL, -- counted votes: one per voter
  votes INTEGER NOT NULL -- every stored vote, superseded ones too (a count(*) grows with the votes)
) STRICT;

-- The app never deletes a vote, but a deleted one (a test resetting a proposal, a repair by hand) must not leave the
-- flags or the tally wrong: the voter's latest remaining vote counts again, and the tally is dropped, to be computed
-- from the votes on its next read.
CREATE TRIGGER governance_votes_deleted AFTER DELETE ON governance_votes BEGIN
  UPDATE governance_votes SET counted = 1
    WHERE old.counted = 1 AND proposal_id = old.proposal_id AND voter = old.voter
      AND timestamp = (SELECT max(w.timestamp) FROM governance_votes w
                       WHERE w.proposal_id = old.proposal_id AND w.voter = old.voter);
  DELETE FROM governance_vote_tallies WHERE proposal_id = old.proposal_id;
END;
`
