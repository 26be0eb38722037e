// The council capability's public face: how a council decision is signed (issue 18), and the acts awaiting members.
export { CouncilActControls, type ActChoice } from './CouncilActControls'
export { PendingCouncilActs } from './PendingCouncilActs'
export { ActOutcome } from './ActOutcome'
