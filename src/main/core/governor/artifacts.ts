// The governance set compiled from OpenZeppelin 4.9.6 sources by scripts/compile-governor.mjs; a static JSON import
// so the bundler inlines the bytecode and the app needs no solc at run time.
import GovernorSetJson from '../../../../resources/contracts/GovernorSet.json'
import type { InterfaceAbi } from 'ethers'

export interface GovernorArtifact {
  contractName: string
  abi: InterfaceAbi
  bytecode: string
  sourceSha256: string
}

const c = GovernorSetJson.contracts
const pick = (a: { contractName: string; abi: unknown; bytecode: string; sourceSha256: string }): GovernorArtifact => ({
  ...a,
  abi: a.abi as InterfaceAbi,
})

export const governorArtifacts = {
  governor: pick(c.TreasuryGovernor),
  timelock: pick(c.TreasuryTimelock),
  module: pick(c.GovernorSafeModule),
  solcVersion: GovernorSetJson.solcVersion,
  openzeppelinVersion: GovernorSetJson.openzeppelinVersion,
} as const
