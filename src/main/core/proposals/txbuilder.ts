import { jsonNestingExceeds } from '../json-depth'
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser'
import { FunctionFragment, getAddress, isHexString, keccak256, toUtf8Bytes } from 'ethers'
import type { ProposalPartInput } from '../../../shared/contract/proposals'
import { ProposalBuildError, encodeCall, firstLine } from './args'
import { JsonNumberText, losslessValue, type LosslessJson } from './lossless-json'
import type { ProposalRecord } from './store'

/** Safe{Wallet} Transaction Builder batch file (what its Export gives and its Import takes). */
export interface BatchFile {
  version: string
  chainId: string
  createdAt: number
  meta: {
    name: string | null
    description?: string
    txBuilderVersion?: string
    createdFromSafeAddress?: string
    createdFromOwnerAddress?: string
    checksum?: string
  }
  transactions: BatchTransaction[]
}

export interface ContractMethod {
  inputs: Array<{ name: string; type: string; internalType?: string; components?: unknown[] }>
  name: string
  payable: boolean
}

export interface BatchTransaction {
  to: string
  value: string
  data: string | null
  contractMethod?: ContractMethod | null
  contractInputsValues?: Record<string, string> | null
}

export class TxBuilderImportError extends Error {
  constructor(
    /** Where: `transactions[2].to`. */
    readonly path: string,
    /** 1-based line in the file, when the place exists there. */
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${line !== null ? `line ${line}, ` : ''}${path}: ${reason}`)
  }
}

/* Transaction Builder's own checksum (apps/tx-builder/src/lib/checksum.ts): keys sorted, meta.name nulled, keccak256. */
const replacer = (_: string, value: unknown) => (value === undefined ? null : value)
function serialise(json: unknown): string {
  if (Array.isArray(json)) return `[${json.map((el) => serialise(el)).join(',')}]`
  if (typeof json === 'object' && json !== null) {
    const keys = Object.keys(json).sort()
    let acc = `{${JSON.stringify(keys, replacer)}`
    for (const key of keys) acc += `${serialise((json as Record<string, unknown>)[key])},`
    return `${acc}}`
  }
  return `${JSON.stringify(json, replacer)}`
}

export function batchChecksum(batch: BatchFile): string {
  const { checksum: _checksum, ...meta } = batch.meta
  return keccak256(toUtf8Bytes(serialise({ ...batch, meta: { ...meta, name: null } })))
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

export interface ParsedBatch {
  chainId: number
  safe: string | null
  name: string | null
  description: string | null
  checksumOk: boolean | null
  parts: ProposalPartInput[]
}

/**
 * Reads and checks a batch file. Every transaction must have a valid `to`, an integer `value`, and either raw hex
 * `data` or a `contractMethod` whose `contractInputsValues` encode; the first problem is reported with its
 * JSON path and its line in the file. Nothing is imported from a file with a problem.
 */
/** A Transaction Builder file nests a few levels; far deeper is hostile (and would overflow a recursive parser). */
const MAX_NESTING = 64

export function parseTxBuilderBatch(text: string, expect: { chainId: number; safe: string }): ParsedBatch {
  const nesting = jsonNestingExceeds(text, MAX_NESTING)
  if (nesting.exceeds) {
    throw new TxBuilderImportError('(file)', lineOf(text, nesting.offset), `nested deeper than ${MAX_NESTING} levels`)
  }
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  if (errors.length || !root) {
    const e = errors[0]
    throw new TxBuilderImportError(
      '(file)',
      e ? lineOf(text, e.offset) : 1,
      e ? `not valid JSON (${printParseErrorCode(e.error)})` : 'empty file',
    )
  }
  const at = (path: Array<string | number>): Node | undefined => findNodeAtLocation(root, path)
  const fail = (path: Array<string | number>, reason: string, subpath = ''): never => {
    // Point at the deepest part of the path that exists in the file.
    let node: Node | undefined
    for (let n = path.length; n >= 0 && !node; n--) node = at(path.slice(0, n))
    const label = path.reduce<string>(
      (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
      '',
    )
    throw new TxBuilderImportError(`${label || '(file)'}${subpath}`, node ? lineOf(text, node.offset) : null, reason)
  }
  // Every value is read from the file's text (numbers too); JSON.parse serves only the checksum, as in Safe.
  const json = losslessValue(root, text) as Record<string, LosslessJson>
  if (root.type !== 'object') fail([], 'a batch file is a JSON object')
  if (typeof json.version !== 'string') fail(['version'], 'missing (Transaction Builder files have "version": "1.0")')
  const chainRaw = json.chainId
  if (typeof chainRaw !== 'string' && !(chainRaw instanceof JsonNumberText)) fail(['chainId'], 'missing')
  const chainId = /^[0-9]{1,15}$/.test(String(chainRaw)) ? Number(String(chainRaw)) : NaN
  if (!Number.isSafeInteger(chainId) || chainId <= 0) fail(['chainId'], `"${String(chainRaw)}" is not a chain id`)
  if (chainId !== expect.chainId)
    fail(['chainId'], `the batch is for chain ${chainId}, the workspace's chain is ${expect.chainId}`)
  const meta = (json.meta ?? {}) as Record<string, unknown>
  if (typeof meta !== 'object' || Array.isArray(meta) || meta instanceof JsonNumberText) fail(['meta'], 'not an object')
  let safe: string | null = null
  if (typeof meta.createdFromSafeAddress === 'string' && meta.createdFromSafeAddress !== '') {
    try {
      safe = getAddress(meta.createdFromSafeAddress)
    } catch {
      fail(['meta', 'createdFromSafeAddress'], 'not an address')
    }
    if (safe !== getAddress(expect.safe))
      fail(['meta', 'createdFromSafeAddress'], `the batch was made for Safe ${safe}, not ${getAddress(expect.safe)}`)
  }
  const txs = json.transactions
  if (!Array.isArray(txs)) fail(['transactions'], 'missing or not a list')
  const list = txs as unknown[]
  if (list.length === 0) fail(['transactions'], 'the batch has no transactions')
  const parts = (list as LosslessJson[]).map((raw, i) => parseTransaction(raw, i, fail))
  let checksumOk: boolean | null = null
  if (typeof meta.checksum === 'string') {
    try {
      checksumOk = batchChecksum(JSON.parse(text) as BatchFile) === meta.checksum
    } catch {
      checksumOk = false
    }
  }
  return {
    chainId,
    safe,
    name: typeof meta.name === 'string' ? meta.name : null,
    description: typeof meta.description === 'string' ? meta.description : null,
    checksumOk,
    parts,
  }
}

function parseTransaction(
  raw: LosslessJson,
  i: number,
  fail: (path: Array<string | number>, reason: string, subpath?: string) => never,
): ProposalPartInput {
  const base: Array<string | number> = ['transactions', i]
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || raw instanceof JsonNumberText)
    return fail(base, 'not an object')
  const tx = raw
  if (typeof tx.to !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(tx.to)) return fail([...base, 'to'], 'not an address')
  let to: string
  try {
    to = getAddress(tx.to)
  } catch {
    return fail([...base, 'to'], 'address checksum is wrong')
  }
  const valueRaw = tx.value ?? '0'
  const value = valueRaw instanceof JsonNumberText ? valueRaw.text : valueRaw
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,77})$/.test(value))
    return fail([...base, 'value'], 'not a non-negative integer amount in wei')
  // Safe's Transaction Builder sends `data` whenever it is a non-empty string, whatever contractMethod says
  // (apps/tx-builder/src/store/transactionLibraryContext.tsx, convertToProposedTransactions).
  const hasData = typeof tx.data === 'string' && tx.data !== ''
  const method = tx.contractMethod as unknown as ContractMethod | null | undefined
  if (method && !hasData) {
    if (typeof method !== 'object' || typeof method.name !== 'string' || !Array.isArray(method.inputs))
      return fail([...base, 'contractMethod'], 'needs a name and a list of inputs')
    let fragment: FunctionFragment
    try {
      fragment = FunctionFragment.from({
        type: 'function',
        name: method.name,
        inputs: plainJson(method.inputs),
        outputs: [],
        stateMutability: method.payable === true ? 'payable' : 'nonpayable',
      })
    } catch (error) {
      return fail([...base, 'contractMethod'], `not a usable function (${firstLine(error)})`)
    }
    const values = tx.contractInputsValues ?? {}
    if (typeof values !== 'object' || Array.isArray(values) || values instanceof JsonNumberText)
      return fail([...base, 'contractInputsValues'], 'not an object of input name → value')
    const args = fragment.inputs.map((input, k) => {
      const key = input.name || String(k)
      const v = values[key]
      if (v === undefined || v === null) {
        // The Builder reads a missing value as '': only a string field takes it.
        if (input.baseType === 'string') return ''
        return fail([...base, 'contractInputsValues', key], `missing value for ${input.type} ${key}`)
      }
      if (typeof v === 'string') return v
      if (v instanceof JsonNumberText || typeof v === 'boolean') return String(v)
      return fail([...base, 'contractInputsValues', key], `not text: write the value as a JSON string`)
    })
    try {
      encodeCall(fragment, args, 'args')
    } catch (error) {
      if (error instanceof ProposalBuildError) {
        const m = /^args\[(\d+)\](.*)$/.exec(error.path)
        const k = Number(m?.[1] ?? -1)
        const key = k >= 0 ? fragment.inputs[k].name || String(k) : null
        const reason = error.message.slice(error.path.length + 2)
        return key
          ? fail([...base, 'contractInputsValues', key], reason, m?.[2] ?? '')
          : fail([...base, 'contractInputsValues'], reason)
      }
      return fail([...base, 'contractInputsValues'], firstLine(error))
    }
    if (value !== '0' && !fragment.payable) return fail([...base, 'value'], `${method.name} is not payable`)
    return {
      type: 'contract_call',
      to,
      value,
      abi: JSON.stringify([JSON.parse(fragment.format('json'))]),
      method: fragment.format('sighash'),
      args,
    }
  }
  const data = tx.data === null || tx.data === undefined || tx.data === '' ? '0x' : tx.data
  if (typeof data !== 'string' || !isHexString(data))
    return fail([...base, 'data'], 'not 0x-prefixed hex (and no contractMethod is given)')
  if (data === '0x' && value === '0') return fail([...base], 'sends nothing: no value and no data')
  return { type: 'contract_call', to, value, data }
}

/** An ABI fragment from the file as plain JSON (it holds no numbers that matter). */
function plainJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown
}

/** A proposal as a Transaction Builder batch: ABI-built calls keep their contractMethod form, others raw data. */
export function toTxBuilderBatch(p: ProposalRecord, now = Date.now()): BatchFile {
  const transactions: BatchTransaction[] = p.actions.map((a) => {
    switch (a.type) {
      case 'eth_transfer':
        return { to: a.to, value: a.amount, data: '0x', contractMethod: null, contractInputsValues: null }
      case 'erc20_transfer':
        return {
          to: a.token,
          value: '0',
          data: null,
          contractMethod: {
            inputs: [
              { internalType: 'address', name: 'to', type: 'address' },
              { internalType: 'uint256', name: 'amount', type: 'uint256' },
            ],
            name: 'transfer',
            payable: false,
          },
          contractInputsValues: { to: a.to, amount: a.amount },
        }
      case 'contract_call':
        return { to: a.to, value: a.value, data: a.data, contractMethod: null, contractInputsValues: null }
      default:
        // Owner changes and rejections are calls of the Safe to itself: exported as raw data.
        return {
          to: p.safeTx.to,
          value: p.safeTx.value,
          data: p.safeTx.data,
          contractMethod: null,
          contractInputsValues: null,
        }
    }
  })
  const batch: BatchFile = {
    version: '1.0',
    chainId: String(p.chainId),
    createdAt: now,
    meta: {
      name: p.title,
      description: p.description,
      txBuilderVersion: '1.18.0',
      createdFromSafeAddress: p.safe,
      createdFromOwnerAddress: '',
    },
    transactions,
  }
  batch.meta.checksum = batchChecksum(batch)
  return batch
}
