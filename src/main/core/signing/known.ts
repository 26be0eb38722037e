import { getMultiSendCallOnlyDeployments, getMultiSendDeployments } from '@safe-global/safe-deployments'
import { getAddress } from 'ethers'
import type { ContractNetwork } from '../chain/store'

const VERSIONS = ['1.3.0', '1.4.1']

/**
 * MultiSend and MultiSendCallOnly addresses known for a chain: Safe's published deployments (bundled, so known
 * offline) plus the chain's own contract network when the workspace has one (the sandbox, private chains).
 */
export function knownMultiSend(chainId: number, contractNetwork?: ContractNetwork | null): string[] {
  const out = new Set<string>()
  const network = String(chainId)
  for (const version of VERSIONS) {
    for (const deployment of [
      getMultiSendDeployments({ version, network }),
      getMultiSendCallOnlyDeployments({ version, network }),
    ]) {
      const entry = deployment?.networkAddresses[network]
      for (const address of entry === undefined ? [] : Array.isArray(entry) ? entry : [entry])
        out.add(getAddress(address))
    }
  }
  if (contractNetwork) {
    out.add(getAddress(contractNetwork.multiSendAddress))
    out.add(getAddress(contractNetwork.multiSendCallOnlyAddress))
  }
  return [...out]
}
