// Static JSON imports, so a bundler inlines the bytecode and the packaged app needs neither
// @safe-global/safe-contracts (a devDependency) nor solc at run time.
import SafeJson from '@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json'
import SafeL2Json from '@safe-global/safe-contracts/build/artifacts/contracts/SafeL2.sol/SafeL2.json'
import SafeProxyJson from '@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxy.sol/SafeProxy.json'
import SafeProxyFactoryJson from '@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json'
import FallbackHandlerJson from '@safe-global/safe-contracts/build/artifacts/contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json'
import MultiSendJson from '@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSend.sol/MultiSend.json'
import MultiSendCallOnlyJson from '@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json'
import SignMessageLibJson from '@safe-global/safe-contracts/build/artifacts/contracts/libraries/SignMessageLib.sol/SignMessageLib.json'
import CreateCallJson from '@safe-global/safe-contracts/build/artifacts/contracts/libraries/CreateCall.sol/CreateCall.json'
import SimulateTxAccessorJson from '@safe-global/safe-contracts/build/artifacts/contracts/accessors/SimulateTxAccessor.sol/SimulateTxAccessor.json'
import AITBCTokenJson from '../../../../resources/contracts/AITBCToken.json'
import type { InterfaceAbi } from 'ethers'

export interface Artifact {
  contractName: string
  abi: InterfaceAbi
  bytecode: string
}

const pick = (a: { contractName: string; abi: unknown; bytecode: string }): Artifact => ({
  contractName: a.contractName,
  abi: a.abi as InterfaceAbi,
  bytecode: a.bytecode,
})

export const safeArtifacts = {
  safe: pick(SafeJson),
  safeL2: pick(SafeL2Json),
  safeProxy: pick(SafeProxyJson),
  safeProxyFactory: pick(SafeProxyFactoryJson),
  fallbackHandler: pick(FallbackHandlerJson),
  multiSend: pick(MultiSendJson),
  multiSendCallOnly: pick(MultiSendCallOnlyJson),
  signMessageLib: pick(SignMessageLibJson),
  createCall: pick(CreateCallJson),
  simulateTxAccessor: pick(SimulateTxAccessorJson),
} as const

export const tokenArtifact: Artifact & { solcVersion: string; sourceSha256: string } = {
  ...pick(AITBCTokenJson),
  solcVersion: AITBCTokenJson.solcVersion,
  sourceSha256: AITBCTokenJson.sourceSha256,
}
