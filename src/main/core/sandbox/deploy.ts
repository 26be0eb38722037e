import {
  Contract,
  ContractFactory,
  Interface,
  JsonRpcProvider,
  ZeroAddress,
  getCreate2Address,
  getCreateAddress,
  keccak256,
  parseEther,
  parseUnits,
  solidityPacked,
} from 'ethers'
import { sandboxAccounts } from './accounts'
import { safeArtifacts, tokenArtifact, type Artifact } from './artifacts'
import { TxSender, type Fees } from './tx-sender'
import type { SandboxContracts, SandboxDeployment } from './types'

export const TOKEN_NAME = 'AITBC Governance Token'
export const TOKEN_SUPPLY = parseUnits('10000000', 18)
export const SAFE_TOKEN_GRANT = parseUnits('1000000', 18)
export const SIGNER_TOKEN_GRANT = parseUnits('100000', 18)
export const SAFE_ETH_GRANT = parseEther('100')
export const DEMO_SAFE_THRESHOLD = 2
/** Fixed so the demo Safe lands at the same address on every start. */
export const DEMO_SAFE_SALT_NONCE = 0n

// Generous fixed limits instead of eth_estimateGas: gas is free here and estimating calls that
// depend on not-yet-mined deployments would fail. The largest (unoptimised SafeL2) needs ~5.3M.
const GAS = { deploy: 8_000_000n, createSafe: 1_000_000n, call: 300_000n } as const

/**
 * Deploys Safe 1.4.1, the AITBC token and the 2-of-3 demo Safe onto a running node, funded by
 * Hardhat account #0. On a fresh chain every address is the same each time (they depend only
 * on the deployer's nonces); on a chain where #0 has already sent transactions they differ.
 */
export async function deploySandbox(rpcUrl: string): Promise<SandboxDeployment> {
  // cacheTimeout -1: ethers otherwise caches answers for 250 ms and reuses stale nonces.
  // batchMaxCount 1: no 10 ms batching stall on each of the ~20 sequential calls.
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true, batchMaxCount: 1 })
  try {
    return await deployWith(provider)
  } finally {
    provider.destroy()
  }
}

async function deployWith(provider: JsonRpcProvider): Promise<SandboxDeployment> {
  const { funder, signers } = sandboxAccounts()
  const [network, fees, funderNonce, signerNonces] = await Promise.all([
    provider.getNetwork(),
    currentFees(provider),
    provider.getTransactionCount(funder.address, 'pending'),
    Promise.all(signers.map((s) => provider.getTransactionCount(s.address, 'pending'))),
  ])
  const chainId = network.chainId
  const deployer = new TxSender(provider, funder.privateKey, funderNonce, chainId, fees)

  const deploy = async (artifact: Artifact, args: unknown[] = []): Promise<string> => {
    const address = getCreateAddress({ from: deployer.address, nonce: deployer.nextNonce() })
    const { data } = await new ContractFactory(artifact.abi, artifact.bytecode).getDeployTransaction(...args)
    await deployer.send(`deploy ${artifact.contractName}`, { data, gasLimit: GAS.deploy })
    return address
  }

  const a = safeArtifacts
  const contracts: SandboxContracts = {
    safeSingletonAddress: await deploy(a.safe),
    safeProxyFactoryAddress: await deploy(a.safeProxyFactory),
    multiSendAddress: await deploy(a.multiSend),
    multiSendCallOnlyAddress: await deploy(a.multiSendCallOnly),
    fallbackHandlerAddress: await deploy(a.fallbackHandler),
    signMessageLibAddress: await deploy(a.signMessageLib),
    createCallAddress: await deploy(a.createCall),
    simulateTxAccessorAddress: await deploy(a.simulateTxAccessor),
  }
  const safeL2SingletonAddress = await deploy(a.safeL2)
  const tokenAddress = await deploy(tokenArtifact, [funder.address, TOKEN_SUPPLY])

  // The demo Safe uses the L1 singleton, the one protocol-kit is told about in `contracts`.
  const owners = signers.map((s) => s.address)
  const initializer = new Interface(a.safe.abi).encodeFunctionData('setup', [
    owners,
    DEMO_SAFE_THRESHOLD,
    ZeroAddress,
    '0x',
    contracts.fallbackHandlerAddress,
    ZeroAddress,
    0,
    ZeroAddress,
  ])
  const factoryIface = new Interface(a.safeProxyFactory.abi)
  const safeAddress = predictSafeAddress(contracts.safeProxyFactoryAddress, contracts.safeSingletonAddress, initializer)
  const createSafeHash = await deployer.send('create demo Safe', {
    to: contracts.safeProxyFactoryAddress,
    data: factoryIface.encodeFunctionData('createProxyWithNonce', [
      contracts.safeSingletonAddress,
      initializer,
      DEMO_SAFE_SALT_NONCE,
    ]),
    gasLimit: GAS.createSafe,
  })
  await deployer.send('fund Safe with the native coin', { to: safeAddress, value: SAFE_ETH_GRANT, gasLimit: GAS.call })

  const tokenIface = new Interface(tokenArtifact.abi)
  const transfer = (to: string, amount: bigint) =>
    deployer.send(`AITBC to ${to}`, {
      to: tokenAddress,
      data: tokenIface.encodeFunctionData('transfer', [to, amount]),
      gasLimit: GAS.call,
    })
  await transfer(safeAddress, SAFE_TOKEN_GRANT)
  for (const s of signers) await transfer(s.address, SIGNER_TOKEN_GRANT)

  // Self-delegation is what turns a balance into voting power under ERC20Votes.
  const delegators = signers.map((s, i) => new TxSender(provider, s.privateKey, signerNonces[i], chainId, fees))
  for (const d of delegators) {
    await d.send(`${d.address} self-delegates`, {
      to: tokenAddress,
      data: tokenIface.encodeFunctionData('delegate', [d.address]),
      gasLimit: GAS.call,
    })
  }

  await Promise.all([deployer.confirmAll(), ...delegators.map((d) => d.confirmAll())])
  await assertSafeCreatedAt(provider, factoryIface, createSafeHash, safeAddress)

  return {
    chainId: Number(chainId),
    contracts,
    safeL2SingletonAddress,
    token: { address: tokenAddress, symbol: 'AITBC', name: TOKEN_NAME, decimals: 18 },
    safeAddress,
    signers,
    funder,
  }
}

async function currentFees(provider: JsonRpcProvider): Promise<Fees> {
  const block = await provider.getBlock('latest')
  const base = block?.baseFeePerGas ?? 1_000_000_000n
  const tip = 1_000_000_000n
  // Headroom for the base fee to rise while we send; the surplus is refunded.
  return { maxFeePerGas: base * 4n + tip, maxPriorityFeePerGas: tip }
}

/** Mirrors SafeProxyFactory 1.4.1 deployProxy's CREATE2 so the address is known before mining. */
export function predictSafeAddress(
  factory: string,
  singleton: string,
  initializer: string,
  saltNonce = DEMO_SAFE_SALT_NONCE,
): string {
  const salt = keccak256(solidityPacked(['bytes32', 'uint256'], [keccak256(initializer), saltNonce]))
  const deploymentData = solidityPacked(['bytes', 'uint256'], [safeArtifacts.safeProxy.bytecode, BigInt(singleton)])
  return getCreate2Address(factory, salt, keccak256(deploymentData))
}

async function assertSafeCreatedAt(
  provider: JsonRpcProvider,
  factoryIface: Interface,
  hash: string,
  expected: string,
): Promise<void> {
  const receipt = await provider.getTransactionReceipt(hash)
  const created = receipt?.logs.map((log) => factoryIface.parseLog(log)).find((ev) => ev?.name === 'ProxyCreation')
    ?.args.proxy as string | undefined
  if (created !== expected) throw new Error(`demo Safe created at ${created}, expected ${expected}`)
}

// Re-exported for tests and tools that want typed handles on the sandbox contracts.
export const tokenContract = (address: string, runner: ConstructorParameters<typeof Contract>[2]) =>
  new Contract(address, tokenArtifact.abi, runner)
