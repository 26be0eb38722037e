// On-chain governance (issue 21): the OpenZeppelin Governors this workspace follows, each with the timelock it
// executes through and, when it drives a Safe, the module the Safe enabled for it. Proposals, states and votes are
// not stored: they are read from the chain (ProposalCreated / VoteCast logs, state()) each time.
export default `
CREATE TABLE governors (
  chain_id INTEGER NOT NULL,
  address TEXT NOT NULL,
  name TEXT NOT NULL,
  version TEXT NOT NULL, -- EIP-712 domain version, so a ballot can be signed offline
  token TEXT NOT NULL,
  timelock TEXT NOT NULL,
  safe_address TEXT,
  module_address TEXT,
  -- The block ProposalCreated logs are read from (the Governor's deployment, or where the user said to start).
  from_block INTEGER NOT NULL CHECK (from_block >= 0),
  added_at TEXT NOT NULL,
  PRIMARY KEY (chain_id, address)
) STRICT;
`
