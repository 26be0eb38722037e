// Reading a Governor from the chain: its settings, its proposals from ProposalCreated logs (bounded ranges, as
// token discovery reads logs), their states from the contract, and the votes from VoteCast logs.
import { Contract, getAddress, type JsonRpcProvider } from 'ethers'
import { getLogs, scanLogRanges, type RawLog } from '../tokens/log-ranges'
import { PROPOSAL_STATES, governorIface, timelockIface, type GovernorProposalState } from './abi'
import type { GovernorAction } from './proposal-id'

export interface GovernorSettings {
  address: string
  name: string
  version: string
  token: string
  timelock: string
  votingDelay: bigint
  votingPeriod: bigint
  proposalThreshold: bigint
  /** Percent of the past supply; null when the Governor has no quorum fraction. */
  quorumNumerator: bigint | null
  quorumDenominator: bigint | null
  clockMode: string
  /** True when the clock counts seconds (mode=timestamp), false when it counts blocks. */
  clockIsTimestamp: boolean
  timelockDelay: bigint
}

/** What a Governor without ERC-6372 (before 4.9) answers: it counts blocks. */
const DEFAULT_CLOCK_MODE = 'mode=blocknumber&from=default'

const optional = async <T>(read: () => Promise<T>): Promise<T | null> => {
  try {
    return await read()
  } catch {
    return null
  }
}

export async function readGovernorSettings(provider: JsonRpcProvider, address: string): Promise<GovernorSettings> {
  const g = new Contract(getAddress(address), governorIface, provider)
  const [name, version, token, timelock, votingDelay, votingPeriod, proposalThreshold] = (await Promise.all([
    g.name(),
    g.version(),
    g.token(),
    g.timelock(),
    g.votingDelay(),
    g.votingPeriod(),
    g.proposalThreshold(),
  ])) as [string, string, string, string, bigint, bigint, bigint]
  const [quorumNumerator, quorumDenominator, clockMode] = await Promise.all([
    optional(() => g.quorumNumerator() as Promise<bigint>),
    optional(() => g.quorumDenominator() as Promise<bigint>),
    optional(() => g.CLOCK_MODE() as Promise<string>),
  ])
  const mode = clockMode ?? DEFAULT_CLOCK_MODE
  const timelockDelay = (await new Contract(timelock, timelockIface, provider).getMinDelay()) as bigint
  return {
    address: getAddress(address),
    name,
    version,
    token: getAddress(token),
    timelock: getAddress(timelock),
    votingDelay,
    votingPeriod,
    proposalThreshold,
    quorumNumerator,
    quorumDenominator,
    clockMode: mode,
    clockIsTimestamp: /(^|&)mode=timestamp(&|$)/.test(mode),
    timelockDelay,
  }
}

export interface ProposalCreatedLog {
  proposalId: bigint
  proposer: string
  actions: GovernorAction[]
  voteStart: bigint
  voteEnd: bigint
  description: string
  blockNumber: number
  transactionHash: string
}

export interface GovernorVote {
  proposalId: bigint
  voter: string
  support: number
  weight: bigint
  reason: string
  blockNumber: number
  transactionHash: string
}

async function scan(rpcUrl: string, governor: string, topic: string, fromBlock: number, toBlock: number) {
  const logs: Array<RawLog & { transactionHash?: string }> = []
  await scanLogRanges<RawLog>({
    fromBlock,
    toBlock,
    read: (start, end) =>
      getLogs(rpcUrl, {
        address: getAddress(governor),
        topics: [topic],
        fromBlock: `0x${start.toString(16)}`,
        toBlock: `0x${end.toString(16)}`,
      }),
    onRange: (items) => {
      logs.push(...items)
    },
  })
  return logs
}

export async function readProposalsCreated(
  rpcUrl: string,
  governor: string,
  fromBlock: number,
  toBlock: number,
): Promise<ProposalCreatedLog[]> {
  const topic = governorIface.getEvent('ProposalCreated')!.topicHash
  const logs = await scan(rpcUrl, governor, topic, fromBlock, toBlock)
  return logs.map((log) => {
    const ev = governorIface.parseLog(log)!
    // By position: `values` is also a method of ethers' Result.
    const targets = [...(ev.args[2] as string[])]
    const values = [...(ev.args[3] as bigint[])]
    const calldatas = [...(ev.args[5] as string[])]
    return {
      proposalId: ev.args.proposalId as bigint,
      proposer: getAddress(ev.args.proposer as string),
      actions: targets.map((t, i) => ({ target: getAddress(t), value: values[i], calldata: calldatas[i] })),
      voteStart: ev.args.voteStart as bigint,
      voteEnd: ev.args.voteEnd as bigint,
      description: ev.args.description as string,
      blockNumber: Number(log.blockNumber),
      transactionHash: log.transactionHash ?? '',
    }
  })
}

export async function readVotes(rpcUrl: string, governor: string, fromBlock: number, toBlock: number) {
  const topic = governorIface.getEvent('VoteCast')!.topicHash
  const logs = await scan(rpcUrl, governor, topic, fromBlock, toBlock)
  return logs.map((log): GovernorVote => {
    const ev = governorIface.parseLog(log)!
    return {
      proposalId: ev.args.proposalId as bigint,
      voter: getAddress(ev.args.voter as string),
      support: Number(ev.args.support),
      weight: ev.args.weight as bigint,
      reason: ev.args.reason as string,
      blockNumber: Number(log.blockNumber),
      transactionHash: log.transactionHash ?? '',
    }
  })
}

export interface ProposalChainState {
  state: GovernorProposalState
  snapshot: bigint
  deadline: bigint
  /** Timelock ETA in seconds since the epoch, 0 until queued. */
  eta: bigint
  votes: { against: bigint; for: bigint; abstain: bigint }
  quorum: bigint
}

export async function readProposalState(
  provider: JsonRpcProvider,
  governor: string,
  proposalId: bigint,
): Promise<ProposalChainState> {
  const g = new Contract(getAddress(governor), governorIface, provider)
  const [state, snapshot, deadline, eta, votes] = (await Promise.all([
    g.state(proposalId),
    g.proposalSnapshot(proposalId),
    g.proposalDeadline(proposalId),
    optional(() => g.proposalEta(proposalId) as Promise<bigint>),
    g.proposalVotes(proposalId),
  ])) as [bigint, bigint, bigint, bigint | null, [bigint, bigint, bigint]]
  // quorum(snapshot) reverts while the snapshot is in the future (the supply there is not known yet).
  const quorum = (await optional(() => g.quorum(snapshot) as Promise<bigint>)) ?? 0n
  return {
    state: PROPOSAL_STATES[Number(state)] ?? 'Pending',
    snapshot,
    deadline,
    eta: eta ?? 0n,
    votes: { against: votes[0], for: votes[1], abstain: votes[2] },
    quorum,
  }
}

/** The clock's now (block number or timestamp, as the Governor counts) and the latest block's time. */
export async function readClock(provider: JsonRpcProvider, governor: string) {
  const block = await provider.getBlock('latest')
  if (!block) throw new Error('the RPC answered no latest block')
  const clock =
    (await optional(() => new Contract(getAddress(governor), governorIface, provider).clock() as Promise<bigint>)) ??
    BigInt(block.number)
  return { clock, blockNumber: block.number, timestamp: BigInt(block.timestamp) }
}

/** ProposalExecuted logs: which transaction executed each proposal (by the app or by anyone else). */
export async function readProposalsExecuted(rpcUrl: string, governor: string, fromBlock: number, toBlock: number) {
  const topic = governorIface.getEvent('ProposalExecuted')!.topicHash
  const logs = await scan(rpcUrl, governor, topic, fromBlock, toBlock)
  return logs.map((log) => ({
    proposalId: governorIface.parseLog(log)!.args.proposalId as bigint,
    blockNumber: Number(log.blockNumber),
    transactionHash: log.transactionHash ?? '',
  }))
}
