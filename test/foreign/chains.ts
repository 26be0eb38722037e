/**
 * Two chains the app did not make, for tests that must not lean on the sandbox: plain Hardhat nodes (own config,
 * own accounts, chain ids 1337 and 412346) with Safe contracts deployed the way a DAO's chain has them.
 *
 * - chain "l1" (1337): Safe v1.3.0 (`@gnosis.pm/safe-contracts`) and a 3-of-5 Safe on the L1 singleton (GnosisSafe).
 *   safe-deployments lists chain 1337, but nothing is at its canonical addresses here.
 * - chain "l2" (412346, Arbitrum-like): Safe v1.4.1 and a 2-of-3 Safe on the L2 singleton (SafeL2).
 *
 * On both: a 6-decimal stable token (FUSD), an 18-decimal token (FWETH) and an ERC20Votes token with a timestamp clock
 * (FDAO), compiled from @openzeppelin/contracts 4.9.6 with the `solc` package. Each Safe holds native coin and all
 * three tokens; the owners hold FDAO and have delegated it to themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  ContractFactory,
  Interface,
  JsonRpcProvider,
  Network,
  Wallet,
  ZeroAddress,
  getAddress,
  parseEther,
  parseUnits,
  type InterfaceAbi,
  type TransactionRequest,
} from 'ethers'

const ROOT = process.cwd()
const HERE = join(ROOT, 'test', 'foreign')
const requireHere = createRequire(join(ROOT, 'package.json'))

export const FOREIGN_L1_CHAIN_ID = 1337
export const FOREIGN_L2_CHAIN_ID = 412346

/** The fixture's account keys (same derivation as hardhat.config.cjs): #0 deploys, the others own and receive. */
export function foreignAccountKey(i: number): string {
  return '0x' + createHash('sha256').update(`aitbc-foreign-fixture-account-${i}`).digest('hex')
}

/** The Safe contract addresses in protocol-kit's ContractNetworkConfig shape (what the app asks a user for). */
export interface FixtureContracts {
  safeSingletonAddress: string
  safeProxyFactoryAddress: string
  multiSendAddress: string
  multiSendCallOnlyAddress: string
  fallbackHandlerAddress: string
  signMessageLibAddress: string
  createCallAddress: string
  simulateTxAccessorAddress: string
}

export interface FixtureToken {
  address: string
  symbol: string
  name: string
  decimals: number
}

export interface ForeignChain {
  chainId: number
  rpcUrl: string
  safeVersion: '1.3.0' | '1.4.1'
  /** The addresses to give the app; safeSingletonAddress is the singleton the fixture's Safe uses. */
  contracts: FixtureContracts
  singletons: { l1: string; l2: string }
  safe: {
    address: string
    threshold: number
    singleton: 'l1' | 'l2'
    owners: Array<{ address: string; privateKey: string }>
    /** What the fixture funded it with, base units. */
    funded: { native: string; stable: string; plain: string; votes: string }
  }
  tokens: { stable: FixtureToken; plain: FixtureToken; votes: FixtureToken & { clockMode: 'mode=timestamp' } }
  /** A funded account that is not an owner (pays gas, sends). */
  outsider: { address: string; privateKey: string }
  /** Accounts with no role, to receive transfers. */
  recipients: string[]
  /** Stops this chain's node only (to test one chain offline); stop() of the fixture stops both. */
  stop(): Promise<void>
}

export interface ForeignChains {
  l1: ForeignChain
  l2: ForeignChain
  stop(): Promise<void>
}

interface Artifact {
  contractName: string
  abi: InterfaceAbi
  bytecode: string
}

function artifact(path: string): Artifact {
  const raw = JSON.parse(readFileSync(requireHere.resolve(path), 'utf8')) as Artifact
  return { contractName: raw.contractName, abi: raw.abi, bytecode: raw.bytecode }
}

const v130 = (p: string) => artifact(`@gnosis.pm/safe-contracts/build/artifacts/contracts/${p}`)
const v141 = (p: string) => artifact(`@safe-global/safe-contracts/build/artifacts/contracts/${p}`)

const SAFE_ARTIFACTS = {
  '1.3.0': () => ({
    l1: v130('GnosisSafe.sol/GnosisSafe.json'),
    l2: v130('GnosisSafeL2.sol/GnosisSafeL2.json'),
    factory: v130('proxies/GnosisSafeProxyFactory.sol/GnosisSafeProxyFactory.json'),
    multiSend: v130('libraries/MultiSend.sol/MultiSend.json'),
    multiSendCallOnly: v130('libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json'),
    fallbackHandler: v130('handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json'),
    signMessageLib: v130('examples/libraries/SignMessage.sol/SignMessageLib.json'),
    createCall: v130('libraries/CreateCall.sol/CreateCall.json'),
    simulateTxAccessor: v130('accessors/SimulateTxAccessor.sol/SimulateTxAccessor.json'),
  }),
  '1.4.1': () => ({
    l1: v141('Safe.sol/Safe.json'),
    l2: v141('SafeL2.sol/SafeL2.json'),
    factory: v141('proxies/SafeProxyFactory.sol/SafeProxyFactory.json'),
    multiSend: v141('libraries/MultiSend.sol/MultiSend.json'),
    multiSendCallOnly: v141('libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json'),
    fallbackHandler: v141('handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json'),
    signMessageLib: v141('libraries/SignMessageLib.sol/SignMessageLib.json'),
    createCall: v141('libraries/CreateCall.sol/CreateCall.json'),
    simulateTxAccessor: v141('accessors/SimulateTxAccessor.sol/SimulateTxAccessor.json'),
  }),
}

// ---------------------------------------------------------------- tokens (solc, cached by source hash)

interface TokenArtifacts {
  fixture: Artifact
  votes: Artifact
}

/** Compiles ForeignTokens.sol once per source/compiler (solc-js takes seconds); the result is cached in tmp. */
export function tokenArtifacts(): TokenArtifacts {
  const source = readFileSync(join(HERE, 'ForeignTokens.sol'), 'utf8').replace(/\r\n/g, '\n')
  const solc = requireHere('solc') as { version(): string; compile(input: string, opts: object): string }
  const key = createHash('sha256').update(source).update(solc.version()).digest('hex').slice(0, 16)
  const cache = join(tmpdir(), 'aitbc-foreign-hardhat', `tokens-${key}.json`)
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as TokenArtifacts
  const ozRoot = dirname(requireHere.resolve('@openzeppelin/contracts/package.json'))
  const findImports = (path: string) => {
    const prefix = '@openzeppelin/contracts/'
    if (!path.startsWith(prefix)) return { error: `import outside OpenZeppelin: ${path}` }
    try {
      return { contents: readFileSync(join(ozRoot, path.slice(prefix.length)), 'utf8') }
    } catch (e) {
      return { error: String(e) }
    }
  }
  const input = {
    language: 'Solidity',
    sources: { 'ForeignTokens.sol': { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'paris',
      outputSelection: { 'ForeignTokens.sol': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as {
    errors?: Array<{ severity: string; formattedMessage: string }>
    contracts: Record<string, Record<string, { abi: InterfaceAbi; evm: { bytecode: { object: string } } }>>
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length) throw new Error(`ForeignTokens.sol does not compile:\n${errors.map((e) => e.formattedMessage)}`)
  const pick = (name: string): Artifact => {
    const c = output.contracts['ForeignTokens.sol'][name]
    return { contractName: name, abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
  }
  const result = { fixture: pick('FixtureToken'), votes: pick('TimestampVotesToken') }
  mkdirSync(dirname(cache), { recursive: true })
  writeFileSync(`${cache}.${process.pid}.tmp`, JSON.stringify(result))
  renameSync(`${cache}.${process.pid}.tmp`, cache)
  return result
}

// ---------------------------------------------------------------- nodes

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}

const live = new Set<ChildProcess>()
let exitHook = false

/** Starts `hardhat node` with the fixture config; the sandbox's runner ends it when this process goes away. */
async function startNode(chainId: number): Promise<{ rpcUrl: string; stop(): Promise<void> }> {
  const port = await freePort()
  const rpcUrl = `http://127.0.0.1:${port}`
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'resources', 'sandbox', 'node-runner.cjs'),
      requireHere.resolve('hardhat/internal/cli/cli.js'),
      'node',
      '--config',
      join(HERE, 'hardhat.config.cjs'),
      '--hostname',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        FOREIGN_CHAIN_ID: String(chainId),
        HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true',
        NO_COLOR: '1',
      },
    },
  )
  live.add(child)
  if (!exitHook) {
    exitHook = true
    process.on('exit', () => live.forEach((c) => c.kill('SIGKILL')))
  }
  const output: string[] = []
  const keep = (chunk: Buffer) => {
    // The node prints its accounts' keys at start: keep only lines without one.
    for (const line of chunk.toString().split('\n')) if (!/private key/i.test(line)) output.push(line)
    output.splice(0, Math.max(0, output.length - 30))
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  child.stdin!.on('error', () => {})
  let exited = false
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true
      live.delete(child)
      resolve()
    }),
  )
  const stop = async () => {
    if (exited) return
    child.stdin?.end()
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
    await gone
    clearTimeout(timer)
  }
  const deadline = Date.now() + 60_000
  for (;;) {
    if (exited) throw new Error(`hardhat node (chain ${chainId}) exited:\n${output.join('\n')}`)
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
        signal: AbortSignal.timeout(2_000),
      })
      if (((await res.json()) as { result?: string }).result) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`hardhat node (chain ${chainId}) did not answer:\n${output.join('\n')}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return { rpcUrl, stop }
}

// ---------------------------------------------------------------- deployment

/** Sends from one key with its own nonce count, waiting for each receipt (automine: one block each). */
class Sender {
  readonly wallet: Wallet
  private nonce: number | null = null
  constructor(
    key: string,
    private readonly provider: JsonRpcProvider,
  ) {
    this.wallet = new Wallet(key, provider)
  }
  get address(): string {
    return this.wallet.address
  }
  async send(what: string, tx: TransactionRequest) {
    this.nonce ??= await this.provider.getTransactionCount(this.address, 'pending')
    const sent = await this.wallet.sendTransaction({ gasLimit: 8_000_000n, ...tx, nonce: this.nonce++ })
    const receipt = await sent.wait()
    if (!receipt || receipt.status !== 1) throw new Error(`fixture: ${what} reverted (${sent.hash})`)
    return receipt
  }
  async deploy(a: Artifact, args: unknown[] = []): Promise<string> {
    const { data } = await new ContractFactory(a.abi, a.bytecode).getDeployTransaction(...args)
    const receipt = await this.send(`deploy ${a.contractName}`, { data })
    return getAddress(receipt.contractAddress!)
  }
}

interface ChainPlan {
  chainId: number
  version: '1.3.0' | '1.4.1'
  singleton: 'l1' | 'l2'
  ownerAccounts: number[]
  threshold: number
  outsiderAccount: number
  recipientAccounts: number[]
}

const PLANS: Record<'l1' | 'l2', ChainPlan> = {
  l1: {
    chainId: FOREIGN_L1_CHAIN_ID,
    version: '1.3.0',
    singleton: 'l1',
    ownerAccounts: [1, 2, 3, 4, 5],
    threshold: 3,
    outsiderAccount: 9,
    recipientAccounts: [10, 11],
  },
  l2: {
    chainId: FOREIGN_L2_CHAIN_ID,
    version: '1.4.1',
    singleton: 'l2',
    ownerAccounts: [6, 7, 8],
    threshold: 2,
    outsiderAccount: 9,
    recipientAccounts: [10, 11],
  },
}

export const FUNDING = {
  native: parseEther('50'),
  stable: parseUnits('250000', 6),
  plain: parseUnits('1000', 18),
  votes: parseUnits('500000', 18),
  ownerVotes: parseUnits('10000', 18),
}

async function deployChain(plan: ChainPlan, tokens: TokenArtifacts): Promise<ForeignChain> {
  const node = await startNode(plan.chainId)
  const network = Network.from(plan.chainId)
  const provider = new JsonRpcProvider(node.rpcUrl, network, {
    staticNetwork: network,
    cacheTimeout: -1,
    batchMaxCount: 1,
  })
  try {
    const deployer = new Sender(foreignAccountKey(0), provider)
    const a = SAFE_ARTIFACTS[plan.version]()
    const contracts = {
      l1: await deployer.deploy(a.l1),
      l2: await deployer.deploy(a.l2),
      safeProxyFactoryAddress: await deployer.deploy(a.factory),
      multiSendAddress: await deployer.deploy(a.multiSend),
      multiSendCallOnlyAddress: await deployer.deploy(a.multiSendCallOnly),
      fallbackHandlerAddress: await deployer.deploy(a.fallbackHandler),
      signMessageLibAddress: await deployer.deploy(a.signMessageLib),
      createCallAddress: await deployer.deploy(a.createCall),
      simulateTxAccessorAddress: await deployer.deploy(a.simulateTxAccessor),
    }
    const singleton = contracts[plan.singleton]
    const owners = plan.ownerAccounts.map((i) => ({
      address: new Wallet(foreignAccountKey(i)).address,
      privateKey: foreignAccountKey(i),
    }))
    // The Safe, made as Safe{Wallet} makes one: setup() through the proxy factory's createProxyWithNonce.
    const initializer = new Interface(a.l1.abi).encodeFunctionData('setup', [
      owners.map((o) => o.address),
      plan.threshold,
      ZeroAddress,
      '0x',
      contracts.fallbackHandlerAddress,
      ZeroAddress,
      0,
      ZeroAddress,
    ])
    const factory = new Interface(a.factory.abi)
    const created = await deployer.send('create the Safe', {
      to: contracts.safeProxyFactoryAddress,
      data: factory.encodeFunctionData('createProxyWithNonce', [singleton, initializer, BigInt(plan.chainId)]),
    })
    let safeAddress: string | null = null
    for (const log of created.logs) {
      const parsed = log.address === contracts.safeProxyFactoryAddress ? factory.parseLog(log) : null
      if (parsed?.name === 'ProxyCreation') safeAddress = getAddress(parsed.args[0] as string)
    }
    if (!safeAddress) throw new Error('fixture: no ProxyCreation event')

    const ercIface = new Interface(tokens.fixture.abi)
    const votesIface = new Interface(tokens.votes.abi)
    const stable = { address: '', symbol: 'FUSD', name: 'Foreign USD', decimals: 6 }
    const plain = { address: '', symbol: 'FWETH', name: 'Foreign Wrapped Ether', decimals: 18 }
    const votes = {
      address: '',
      symbol: 'FDAO',
      name: 'Foreign DAO Token',
      decimals: 18,
      clockMode: 'mode=timestamp' as const,
    }
    stable.address = await deployer.deploy(tokens.fixture, [
      stable.name,
      stable.symbol,
      6,
      deployer.address,
      FUNDING.stable * 4n,
    ])
    plain.address = await deployer.deploy(tokens.fixture, [
      plain.name,
      plain.symbol,
      18,
      deployer.address,
      FUNDING.plain * 4n,
    ])
    votes.address = await deployer.deploy(tokens.votes, [deployer.address, FUNDING.votes * 4n])

    const transfer = (token: string, to: string, amount: bigint) =>
      deployer.send(`token to ${to}`, { to: token, data: ercIface.encodeFunctionData('transfer', [to, amount]) })
    await deployer.send('fund the Safe', { to: safeAddress, value: FUNDING.native })
    await transfer(stable.address, safeAddress, FUNDING.stable)
    await transfer(plain.address, safeAddress, FUNDING.plain)
    await transfer(votes.address, safeAddress, FUNDING.votes)
    for (const o of owners) {
      await transfer(votes.address, o.address, FUNDING.ownerVotes)
      await new Sender(o.privateKey, provider).send('self-delegate', {
        to: votes.address,
        data: votesIface.encodeFunctionData('delegate', [o.address]),
      })
    }

    return {
      chainId: plan.chainId,
      rpcUrl: node.rpcUrl,
      safeVersion: plan.version,
      contracts: {
        safeSingletonAddress: singleton,
        safeProxyFactoryAddress: contracts.safeProxyFactoryAddress,
        multiSendAddress: contracts.multiSendAddress,
        multiSendCallOnlyAddress: contracts.multiSendCallOnlyAddress,
        fallbackHandlerAddress: contracts.fallbackHandlerAddress,
        signMessageLibAddress: contracts.signMessageLibAddress,
        createCallAddress: contracts.createCallAddress,
        simulateTxAccessorAddress: contracts.simulateTxAccessorAddress,
      },
      singletons: { l1: contracts.l1, l2: contracts.l2 },
      safe: {
        address: safeAddress,
        threshold: plan.threshold,
        singleton: plan.singleton,
        owners,
        funded: {
          native: FUNDING.native.toString(),
          stable: FUNDING.stable.toString(),
          plain: FUNDING.plain.toString(),
          votes: FUNDING.votes.toString(),
        },
      },
      tokens: { stable, plain, votes },
      outsider: {
        address: new Wallet(foreignAccountKey(plan.outsiderAccount)).address,
        privateKey: foreignAccountKey(plan.outsiderAccount),
      },
      recipients: plan.recipientAccounts.map((i) => new Wallet(foreignAccountKey(i)).address),
      stop: node.stop,
    }
  } catch (error) {
    await node.stop()
    throw error
  } finally {
    provider.destroy()
  }
}

/** Starts both chains (in parallel) and deploys everything on them; stop() ends both nodes. */
export async function startForeignChains(): Promise<ForeignChains> {
  const tokens = tokenArtifacts()
  const [l1, l2] = await Promise.allSettled([deployChain(PLANS.l1, tokens), deployChain(PLANS.l2, tokens)])
  if (l1.status === 'rejected' || l2.status === 'rejected') {
    if (l1.status === 'fulfilled') await l1.value.stop()
    if (l2.status === 'fulfilled') await l2.value.stop()
    throw (l1.status === 'rejected' ? l1.reason : (l2 as PromiseRejectedResult).reason) as Error
  }
  return {
    l1: l1.value,
    l2: l2.value,
    stop: async () => {
      await Promise.all([l1.value.stop(), l2.value.stop()])
    },
  }
}
