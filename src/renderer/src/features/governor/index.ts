// The on-chain governance capability's public face (issue 21).
export { OnChainGovernance } from './OnChainGovernance'
export { GovernorExecutions } from './GovernorExecutions'
