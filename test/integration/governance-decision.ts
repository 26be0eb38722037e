import { Wallet, parseEther, parseUnits, type JsonRpcProvider } from 'ethers'
import { tokenContract } from '../../src/main/core/sandbox'
import type { sandboxWorkspace } from './helpers'

type SandboxWorkspace = ReturnType<typeof sandboxWorkspace>

/**
 * Each holder gets `amount` whole sandbox tokens and gas, and delegates to itself, so it has voting power from the
 * next block; then a technical decision opens with a one-block delay, 1 bps quorum and the given voting period, and
 * three blocks are mined so its snapshot is in the past. Answers the decision's id.
 */
export async function openDecisionWithHolders(
  ws: SandboxWorkspace,
  provider: JsonRpcProvider,
  holders: ReadonlyArray<readonly [Wallet, number]>,
  decision: { title: string; proposer: string; votingPeriodBlocks: number },
): Promise<string> {
  const funder = new Wallet(ws.sandbox.funder.privateKey, provider)
  const token = tokenContract(ws.sandbox.token.address, funder)
  for (const [w, amount] of holders) {
    await (await token.transfer(w.address, parseUnits(String(amount), 18))).wait()
    await (await funder.sendTransaction({ to: w.address, value: parseEther('1') })).wait()
    await (await tokenContract(ws.sandbox.token.address, w.connect(provider)).delegate(w.address)).wait()
  }
  await ws.call('governance.updateRules', {
    kind: 'technical',
    rules: {
      votingDelayBlocks: 1,
      votingPeriodBlocks: decision.votingPeriodBlocks,
      quorumBps: 1,
      passThresholdBps: 5000,
      timelockSeconds: 3_600,
      gracePeriodSeconds: 7_200,
    },
  })
  const { id } = await ws.call('governance.create', {
    kind: 'technical',
    title: decision.title,
    body: 'Why and how.',
    proposer: decision.proposer,
  })
  await provider.send('hardhat_mine', ['0x3'])
  return id
}
