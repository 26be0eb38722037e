import { mkdtempSync, copyFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ContractFactory, HDNodeWallet, Interface, JsonRpcProvider, NonceManager, ZeroAddress } from 'ethers'
import { startHardhatNode, type HardhatNode } from '../../src/main/core/sandbox/hardhat-node'
import { findSandboxResourcesDir } from '../../src/main/core/sandbox/resources'
import { safeArtifacts } from '../../src/main/core/sandbox/artifacts'
import testTokens from '../fixtures/tokens/TestTokens.json'

export const MNEMONIC = 'test test test test test test test test test test test junk'

export type TestContractName = keyof typeof testTokens.contracts

export function testArtifact(name: TestContractName) {
  return testTokens.contracts[name]
}

/**
 * A plain Hardhat node the app did not set up: its own config (another chainId) in a temp folder, nothing deployed.
 * Started from the project's hardhat install, as the sandbox starts its node.
 */
export async function startPlainNode(chainId: number): Promise<HardhatNode> {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-plain-node-'))
  const resources = findSandboxResourcesDir()
  for (const file of ['node-runner.cjs', 'origin-guard.cjs']) copyFileSync(join(resources, file), join(dir, file))
  writeFileSync(
    join(dir, 'hardhat.config.cjs'),
    `module.exports = { networks: { hardhat: { chainId: ${chainId}, accounts: { mnemonic: '${MNEMONIC}', count: 10 },
      mining: { auto: true, interval: 0 }, loggingEnabled: false, blockGasLimit: 60000000 } },
      paths: { cache: ${JSON.stringify(join(dir, 'cache'))}, artifacts: ${JSON.stringify(join(dir, 'artifacts'))} } }\n`,
  )
  return startHardhatNode({ resourcesDir: dir })
}

export function plainProvider(rpcUrl: string): JsonRpcProvider {
  return new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1, batchMaxCount: 1 })
}

/** Hardhat's account #index of the public test mnemonic. */
export function hdWallet(index: number): HDNodeWallet {
  return HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`)
}

export function account(provider: JsonRpcProvider, index: number) {
  return new NonceManager(hdWallet(index).connect(provider))
}

export async function deploy(
  signer: NonceManager,
  artifact: { abi: unknown; bytecode: string },
  args: unknown[] = [],
): Promise<string> {
  const factory = new ContractFactory(artifact.abi as never, artifact.bytecode, signer)
  const contract = await factory.deploy(...args)
  await contract.waitForDeployment()
  return contract.getAddress()
}

/** Safe v1.4.1 (singleton, factory, libraries) from the published artifacts, and a Safe of `owners`. */
export async function deploySafe(signer: NonceManager, owners: string[], threshold: number) {
  const a = safeArtifacts
  const contracts = {
    safeSingletonAddress: await deploy(signer, a.safe),
    safeProxyFactoryAddress: await deploy(signer, a.safeProxyFactory),
    multiSendAddress: await deploy(signer, a.multiSend),
    multiSendCallOnlyAddress: await deploy(signer, a.multiSendCallOnly),
    fallbackHandlerAddress: await deploy(signer, a.fallbackHandler),
    signMessageLibAddress: await deploy(signer, a.signMessageLib),
    createCallAddress: await deploy(signer, a.createCall),
    simulateTxAccessorAddress: await deploy(signer, a.simulateTxAccessor),
  }
  const initializer = new Interface(a.safe.abi).encodeFunctionData('setup', [
    owners,
    threshold,
    ZeroAddress,
    '0x',
    contracts.fallbackHandlerAddress,
    ZeroAddress,
    0,
    ZeroAddress,
  ])
  const factory = new Interface(a.safeProxyFactory.abi)
  const tx = await signer.sendTransaction({
    to: contracts.safeProxyFactoryAddress,
    data: factory.encodeFunctionData('createProxyWithNonce', [contracts.safeSingletonAddress, initializer, 7n]),
  })
  const receipt = await tx.wait()
  const created = receipt!.logs
    .map((l) => {
      try {
        return factory.parseLog(l)
      } catch {
        return null
      }
    })
    .find((l) => l?.name === 'ProxyCreation')
  const safe = created!.args[0] as string
  return { contracts, safe }
}

/**
 * A JSON-RPC proxy in front of a node, as public endpoints behave: eth_getLogs over more than `maxRange` blocks is
 * refused (code -32005, like Infura/Alchemy), and `wrongChain` makes it answer eth_chainId for chain 1.
 */
export async function startLimitingProxy(upstream: string, maxRange: number) {
  const { createServer } = await import('node:http')
  const state = { wrongChain: false, refused: 0 }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as
      { id: unknown; method: string; params: unknown[] } | Array<{ id: unknown; method: string; params: unknown[] }>
    const one = async (r: { id: unknown; method: string; params: unknown[] }) => {
      if (state.wrongChain && r.method === 'eth_chainId') return { jsonrpc: '2.0', id: r.id, result: '0x1' }
      if (r.method === 'eth_getLogs') {
        const f = r.params[0] as { fromBlock?: string; toBlock?: string }
        const from = Number(BigInt(f.fromBlock ?? '0x0'))
        const to = f.toBlock && f.toBlock.startsWith('0x') ? Number(BigInt(f.toBlock)) : Infinity
        if (to - from + 1 > maxRange) {
          state.refused += 1
          return {
            jsonrpc: '2.0',
            id: r.id,
            error: { code: -32005, message: `query exceeds max block range ${maxRange}` },
          }
        }
      }
      const reply = await fetch(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(r),
      })
      return reply.json()
    }
    const answer = Array.isArray(body) ? await Promise.all(body.map(one)) : await one(body)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(answer))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
