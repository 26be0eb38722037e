// Holder index at 100,000 holders (issue 22): each account's amounts at the index's end kept in their numeric order,
// so concentration reads them already sorted. Amounts are canonical decimal text (no leading zeros), so a longer
// text is a larger amount and equal lengths compare as text: (length, text) descending is largest first. The
// account (the primary key, carried by every index of the table) breaks ties the way the measures list them.
// Partial (non-zero amounts only): the zeros of accounts that only delegate or only hold votes stay out.
export default `
CREATE INDEX holder_current_balance_order
  ON holder_current(index_id, length(balance) DESC, balance DESC, account) WHERE balance != '0';
CREATE INDEX holder_current_votes_order
  ON holder_current(index_id, length(votes) DESC, votes DESC, account) WHERE votes != '0';
-- Delegates at the index's end: distinct values read from an index instead of a grouping of every account.
CREATE INDEX holder_current_delegate ON holder_current(index_id, delegate) WHERE delegate IS NOT NULL;
`
