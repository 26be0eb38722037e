import type { Db } from '../db/open'

// Tokens moved to core/tokens; re-exported so callers written before it keep working.
export { saveToken, listTokens, type TokenRecord } from '../tokens/registry'

export interface ContractNetwork {
  safeSingletonAddress: string
  safeProxyFactoryAddress: string
  multiSendAddress: string
  multiSendCallOnlyAddress: string
  fallbackHandlerAddress: string
  signMessageLibAddress: string
  createCallAddress: string
  simulateTxAccessorAddress: string
}

export interface ChainRecord {
  chainId: number
  name: string
  rpcUrl: string
  isSandbox: boolean
  contractNetwork: ContractNetwork | null
  /** The Safe version of `contractNetwork` (VERSION() of its singleton, read when the addresses were given). */
  contractsVersion?: string | null
}

interface ChainRow {
  chain_id: number
  name: string
  rpc_url: string
  is_sandbox: number
  contract_networks: string | null
  contracts_version: string | null
}

const ACTIVE_CHAIN_KEY = 'active_chain_id'
const ACTIVE_SAFE_KEY = 'active_safe'

function setting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
  return row?.value ?? null
}

function setSetting(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, value)
}

/** Every chain of the workspace, in the order they were connected. */
export function listChains(db: Db): ChainRecord[] {
  return (db.prepare('SELECT * FROM chains ORDER BY added_at, chain_id').all() as ChainRow[]).map(fromRow)
}

export function getChain(db: Db, chainId: number): ChainRecord | null {
  const row = db.prepare('SELECT * FROM chains WHERE chain_id = ?').get(chainId) as ChainRow | undefined
  return row ? fromRow(row) : null
}

/**
 * The Safe the workspace works on now (proposals, batches and signing default to it), or null when none was chosen.
 * Switching it also switches the active chain to the Safe's own.
 */
export function getActiveSafe(db: Db): { chainId: number; address: string } | null {
  const value = setting(db, ACTIVE_SAFE_KEY)
  const match = value ? /^(\d+):(0x[0-9a-fA-F]{40})$/.exec(value) : null
  if (!match) return null
  const chainId = Number(match[1])
  const exists = db.prepare('SELECT 1 FROM safes WHERE chain_id = ? AND address = ?').get(chainId, match[2])
  return exists ? { chainId, address: match[2] } : null
}

/** Makes a Safe of the workspace the active one, and its chain the active chain. Call inside a mutation. */
export function setActiveSafe(db: Db, chainId: number, address: string): void {
  setSetting(db, ACTIVE_SAFE_KEY, `${chainId}:${address}`)
  setSetting(db, ACTIVE_CHAIN_KEY, String(chainId))
}

/** Makes a chain the active one (its first Safe becomes the active Safe, or none). Call inside a mutation. */
export function setActiveChain(db: Db, chainId: number): void {
  setSetting(db, ACTIVE_CHAIN_KEY, String(chainId))
  const active = getActiveSafe(db)
  if (active?.chainId === chainId) return
  const first = db
    .prepare('SELECT address FROM safes WHERE chain_id = ? ORDER BY added_at, address LIMIT 1')
    .get(chainId) as { address: string } | undefined
  if (first) setSetting(db, ACTIVE_SAFE_KEY, `${chainId}:${first.address}`)
  else db.prepare('DELETE FROM settings WHERE key = ?').run(ACTIVE_SAFE_KEY)
}

export function getActiveChain(db: Db): ChainRecord | null {
  const setting = db.prepare('SELECT value FROM settings WHERE key = ?').get(ACTIVE_CHAIN_KEY) as
    { value: string } | undefined
  if (!setting) return null
  const row = db.prepare('SELECT * FROM chains WHERE chain_id = ?').get(Number(setting.value)) as ChainRow | undefined
  return row ? fromRow(row) : null
}

function fromRow(row: ChainRow): ChainRecord {
  return {
    chainId: row.chain_id,
    name: row.name,
    rpcUrl: row.rpc_url,
    isSandbox: row.is_sandbox === 1,
    contractNetwork: row.contract_networks ? (JSON.parse(row.contract_networks) as ContractNetwork) : null,
    contractsVersion: row.contracts_version,
  }
}

/**
 * Inserts or updates a chain (a workspace holds several, one row per chain id) and, unless told otherwise, makes it
 * the active one. Call inside a mutation.
 */
export function saveChain(db: Db, chain: ChainRecord, now = new Date(), options: { activate?: boolean } = {}): void {
  db.prepare(
    `INSERT INTO chains (chain_id, name, rpc_url, is_sandbox, contract_networks, contracts_version, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(chain_id) DO UPDATE SET name = excluded.name, rpc_url = excluded.rpc_url,
       is_sandbox = excluded.is_sandbox, contract_networks = excluded.contract_networks,
       contracts_version = excluded.contracts_version`,
  ).run(
    chain.chainId,
    chain.name,
    chain.rpcUrl,
    chain.isSandbox ? 1 : 0,
    chain.contractNetwork ? JSON.stringify(chain.contractNetwork) : null,
    chain.contractNetwork ? (chain.contractsVersion ?? null) : null,
    now.toISOString(),
  )
  if (options.activate ?? true) setActiveChain(db, chain.chainId)
}
