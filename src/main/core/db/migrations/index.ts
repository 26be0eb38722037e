import m0001 from './0001-workspace'
import m0002 from './0002-audit'
import m0003 from './0003-keys-signing'
import m0004 from './0004-proposals'
import m0006 from './0006-governance'
import m0007 from './0007-grants-budgets'
import m0008 from './0008-scale-indexes'
import m0009 from './0009-tokens'
import m0010 from './0010-chains-safes'
import m0011 from './0011-unlock-attempts'
import m0012 from './0012-council'
import m0013 from './0013-pricing'
import m0014 from './0014-audit-day-counts'
import m0015 from './0015-txservice'
import m0016 from './0016-hardware-signers'
import m0017 from './0017-governors'
import m0018 from './0018-holder-index'
import m0019 from './0019-holder-order'
import m0020 from './0020-governance-vote-page'
import m0021 from './0021-holder-snapshots'
import m0022 from './0022-txservice-signature-source'
import m0023 from './0023-holder-previous-amounts'
import m0024 from './0024-holder-history-by-block'
import m0025 from './0025-vote-import-store'

/**
 * Numbered migrations; index + 1 is the schema version they bring the database to (PRAGMA user_version).
 * Append only: never edit a shipped migration, add the next one.
 */
export const migrations: readonly string[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
  m0015,
  m0016,
  m0017,
  m0018,
  m0019,
  m0020,
  m0021,
  m0022,
  m0023,
  m0024,
  m0025,
]
