/** Field names are exactly protocol-kit's ContractNetworkConfig, so this object can be passed as is. */
export interface SandboxContracts {
  safeSingletonAddress: string
  safeProxyFactoryAddress: string
  multiSendAddress: string
  multiSendCallOnlyAddress: string
  fallbackHandlerAddress: string
  signMessageLibAddress: string
  createCallAddress: string
  simulateTxAccessorAddress: string
  // Not deployed in the sandbox (Safe 1.4.1 passkey modules are out of scope); left undefined.
  safeWebAuthnSignerFactoryAddress?: string
  safeWebAuthnSharedSignerAddress?: string
}

/** A well-known Hardhat test account; `address` is EIP-55 checksummed. */
export interface DemoSigner {
  label: string
  address: string
  privateKey: string
}

export interface SandboxToken {
  address: string
  symbol: 'AITBC'
  name: string
  decimals: 18
}

export interface SandboxInfo {
  rpcUrl: string
  chainId: number
  contracts: SandboxContracts
  safeL2SingletonAddress: string
  token: SandboxToken
  /** 2-of-3 demo Safe whose owners are `signers`. */
  safeAddress: string
  signers: DemoSigner[]
  /** Deployer (Hardhat account #0), holds the rest of the native coin and AITBC. */
  funder: DemoSigner
  stop(): Promise<void>
}

export type SandboxDeployment = Omit<SandboxInfo, 'stop' | 'rpcUrl'>

export interface StartSandboxOptions {
  port?: number
  log?: (line: string) => void
  /** Folder holding hardhat.config.cjs and node-runner.cjs; found automatically when omitted. */
  resourcesDir?: string
}
