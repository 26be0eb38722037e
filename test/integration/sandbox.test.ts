import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Safe from '@safe-global/protocol-kit'
import { JsonRpcProvider, getAddress, parseEther, parseUnits } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SANDBOX_CHAIN_ID,
  freePort,
  startSandbox,
  tokenArtifact,
  tokenContract,
  type SandboxInfo,
} from '../../src/main/core/sandbox'
import { hardhatCliPath } from '../../src/main/core/sandbox/hardhat-node'
import { findSandboxResourcesDir } from '../../src/main/core/sandbox/resources'

const root = join(__dirname, '..', '..')

describe('sandbox chain', () => {
  let info: SandboxInfo
  let provider: JsonRpcProvider

  beforeAll(async () => {
    info = await startSandbox()
    provider = new JsonRpcProvider(info.rpcUrl, undefined, { cacheTimeout: -1, staticNetwork: true })
  }, 60_000)

  afterAll(async () => {
    provider?.destroy()
    await info?.stop()
  })

  it('runs a chain with id 31337 and three labelled, checksummed demo signers', async () => {
    expect(info.chainId).toBe(SANDBOX_CHAIN_ID)
    expect(Number((await provider.getNetwork()).chainId)).toBe(31337)
    expect(info.signers.map((s) => s.label)).toEqual(['Alice (demo)', 'Bob (demo)', 'Carol (demo)'])
    for (const s of [...info.signers, info.funder]) expect(s.address).toBe(getAddress(s.address))
    expect(info.funder.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266') // hardhat #0
    expect(info.signers[0].address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8') // hardhat #1
    expect(info.contracts.safeWebAuthnSignerFactoryAddress).toBeUndefined()
    for (const address of [...Object.values(info.contracts), info.safeL2SingletonAddress, info.token.address]) {
      expect(await provider.getCode(address)).not.toBe('0x')
    }
  })

  it('has a 2-of-3 Safe 1.4.1 holding 100 ETH, as protocol-kit sees it', async () => {
    const safe = await Safe.init({
      provider: info.rpcUrl,
      safeAddress: info.safeAddress,
      contractNetworks: { [String(SANDBOX_CHAIN_ID)]: info.contracts },
    })
    expect(await safe.getOwners()).toEqual(info.signers.map((s) => s.address))
    expect(await safe.getThreshold()).toBe(2)
    expect(await safe.getContractVersion()).toBe('1.4.1')
    expect(await safe.getBalance()).toBe(parseEther('100'))
    expect(await safe.isSafeDeployed()).toBe(true)
  })

  it('distributes AITBC and gives each signer voting power', async () => {
    const token = tokenContract(info.token.address, provider)
    expect(await token.symbol()).toBe('AITBC')
    expect(await token.name()).toBe(info.token.name)
    expect(Number(await token.decimals())).toBe(18)
    expect(await token.balanceOf(info.safeAddress)).toBe(parseUnits('1000000', 18))
    expect(await token.totalSupply()).toBe(parseUnits('10000000', 18))
    // getPast* only answers for blocks strictly before the current one: snapshot the last setup block, then mine.
    const past = await provider.getBlockNumber()
    await provider.send('evm_mine', [])
    for (const s of info.signers) {
      expect(await token.balanceOf(s.address)).toBe(parseUnits('100000', 18))
      expect(await token.delegates(s.address)).toBe(s.address)
      expect(await token.getVotes(s.address)).toBe(parseUnits('100000', 18))
    }
    expect(await token.getPastVotes(info.signers[2].address, past)).toBe(parseUnits('100000', 18))
    expect(await token.getPastTotalSupply(past)).toBe(parseUnits('10000000', 18))
    expect(await token.getVotes(info.safeAddress)).toBe(0n) // the Safe has not delegated
  })

  it('gives the same addresses on every start', async () => {
    const again = await startSandbox()
    try {
      expect(again.rpcUrl).not.toBe(info.rpcUrl)
      expect(again.contracts).toEqual(info.contracts)
      expect(again.safeL2SingletonAddress).toBe(info.safeL2SingletonAddress)
      expect(again.token).toEqual(info.token)
      expect(again.safeAddress).toBe(info.safeAddress)
    } finally {
      await again.stop()
    }
    await expect(fetch(again.rpcUrl, { method: 'POST' })).rejects.toThrow() // really gone
  }, 60_000)
})

describe('sandbox node process', () => {
  it('exits by itself when its parent goes away (stdin pipe closes)', async () => {
    const dir = findSandboxResourcesDir()
    const port = await freePort()
    const child = spawn(
      process.execPath,
      [
        join(dir, 'node-runner.cjs'),
        hardhatCliPath(),
        'node',
        '--config',
        join(dir, 'hardhat.config.cjs'),
        '--hostname',
        '127.0.0.1',
        '--port',
        String(port),
      ],
      { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' } },
    )
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.stdout.resume()
    child.stderr.resume()
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    child.stdin.destroy() // what the OS does to the pipe when the parent dies, even by SIGKILL
    const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000)
    expect(await exited).toBe(0)
    clearTimeout(timeout)
  }, 30_000)
})

describe('AITBCToken artifact', () => {
  it('was compiled from the current AITBCToken.sol (run scripts/compile-token.mjs if not)', () => {
    const source = readFileSync(join(root, 'resources/contracts/AITBCToken.sol'), 'utf8').replace(/\r\n/g, '\n')
    const artifact = JSON.parse(readFileSync(join(root, 'resources/contracts/AITBCToken.json'), 'utf8'))
    expect(artifact.sourceSha256).toBe(createHash('sha256').update(source).digest('hex'))
    expect(artifact.contractName).toBe('AITBCToken')
    expect(artifact.solcVersion).toMatch(/^0\.8\.24\+/)
    expect(artifact.bytecode).toMatch(/^0x[0-9a-f]{100,}$/)
    expect(tokenArtifact.sourceSha256).toBe(artifact.sourceSha256) // what the app bundles
  })

  it('exposes ERC20Votes and ERC20Permit', () => {
    const names = new Set((artifact().abi as { name?: string }[]).map((f) => f.name))
    for (const fn of [
      'delegate',
      'getVotes',
      'getPastVotes',
      'getPastTotalSupply',
      'permit',
      'nonces',
      'DOMAIN_SEPARATOR',
    ]) {
      expect(names.has(fn), fn).toBe(true)
    }
  })
})

const artifact = () => JSON.parse(readFileSync(join(root, 'resources/contracts/AITBCToken.json'), 'utf8'))
