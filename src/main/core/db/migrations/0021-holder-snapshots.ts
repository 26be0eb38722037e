// Holder index at past blocks (issue 22): every so many history rows (snapshots.ts) the sync keeps the index's amounts as they stand
// at a range's end, in their numeric order, so concentration at a past block patches the nearest snapshot with the
// few accounts changed between the two instead of the end with every account changed since (or the whole history).
// One row per kind and block: the positive amounts, largest first (ties by account), as newline-separated canonical
// decimal text, and their accounts in the same order as fixed-width text (42 characters each, no separator), so the
// amounts are read alone and the accounts of the first few by position. Written in the range's transaction, deleted
// with the history on a reorg.
export default `
CREATE TABLE holder_snapshots (
  index_id INTEGER NOT NULL REFERENCES holder_indexes(id) ON DELETE CASCADE,
  block INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('balance', 'votes')),
  holders INTEGER NOT NULL,
  amounts TEXT NOT NULL,
  accounts TEXT NOT NULL,
  UNIQUE (index_id, kind, block)
) STRICT;
`
