// On-chain governance (issue 21): the OpenZeppelin Governors this workspace follows, each with the timelock it
// executes through and, when it drives a Safe, the module the Safe enabled for it. States and votes are not stored:
// they are read from the chain (ProposalCreated / VoteCast logs, state()) each time. What the treasury needs to
// account for a proposal that pays from the Safe is: what it moves out (outflows), the budget line it is charged to,
// and its execution once verified on chain (the Safe's ExecutionFromModuleSuccess in the executing transaction).
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

CREATE TABLE governor_proposals (
  chain_id INTEGER NOT NULL,
  governor TEXT NOT NULL,
  proposal_id TEXT NOT NULL, -- decimal uint256
  safe_address TEXT,
  title TEXT NOT NULL,
  outflows TEXT NOT NULL, -- JSON Outflow[] the Safe pays, as proposals.outflows
  budget_line_id INTEGER REFERENCES budget_lines(id),
  -- A grant's disbursement batch this proposal pays: proposed with it, executed (milestones paid) with it.
  disbursement_batch_id INTEGER REFERENCES disbursement_batches(id),
  executed_tx_hash TEXT,
  executed_block INTEGER,
  executed_at TEXT,
  PRIMARY KEY (chain_id, governor, proposal_id),
  FOREIGN KEY (chain_id, governor) REFERENCES governors(chain_id, address)
) STRICT;
`
