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
}

interface ChainRow {
  chain_id: number
  name: string
  rpc_url: string
  is_sandbox: number
  contract_networks: string | null
}

const ACTIVE_CHAIN_KEY = 'active_chain_id'

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
  }
}

/** Inserts or updates a chain and makes it the active one. Call inside a mutation. */
export function saveChain(db: Db, chain: ChainRecord, now = new Date()): void {
  db.prepare(
    `INSERT INTO chains (chain_id, name, rpc_url, is_sandbox, contract_networks, added_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(chain_id) DO UPDATE SET name = excluded.name, rpc_url = excluded.rpc_url,
       is_sandbox = excluded.is_sandbox, contract_networks = excluded.contract_networks`,
  ).run(
    chain.chainId,
    chain.name,
    chain.rpcUrl,
    chain.isSandbox ? 1 : 0,
    chain.contractNetwork ? JSON.stringify(chain.contractNetwork) : null,
    now.toISOString(),
  )
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(ACTIVE_CHAIN_KEY, String(chain.chainId))
}
