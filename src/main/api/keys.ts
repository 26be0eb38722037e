import type { Handlers } from './registry'
import type { Services } from './services'
import { ApiError } from '../../shared/errors'
import type { KeysState, SignerInfo } from '../../shared/contract'
import { getActiveChain } from '../core/chain'
import { sandboxAccounts } from '../core/sandbox/accounts'
import type { SignerState } from '../core/keys'

function info(s: SignerState): SignerInfo {
  return {
    address: s.address,
    label: s.label,
    kind: s.kind,
    path: s.path,
    addedAt: s.addedAt,
    unlocked: s.unlocked,
    active: s.active,
  }
}

export function keysState({ ctx, keys }: Services): KeysState {
  return {
    signers: keys.list().map(info),
    autoLockMinutes: keys.autoLockMinutes(),
    active: keys.active(),
    sandbox: getActiveChain(ctx.db)?.isSandbox ?? false,
  }
}

export const keysHandlers: Handlers<
  | 'keys.list'
  | 'keys.create'
  | 'keys.createMnemonic'
  | 'keys.confirmMnemonic'
  | 'keys.import'
  | 'keys.watch'
  | 'keys.rename'
  | 'keys.delete'
  | 'keys.unlock'
  | 'keys.lock'
  | 'keys.setActive'
  | 'keys.setAutoLock'
  | 'keys.export'
  | 'keys.importSandboxSigners'
> = {
  'keys.list': (_input, services) => keysState(services),

  'keys.create': async ({ label, passphrase }, { keys }) => info(await keys.createRandom(label, passphrase)),

  'keys.createMnemonic': (_input, { keys }) => keys.startMnemonic(),

  'keys.confirmMnemonic': async ({ id, words, label, passphrase }, { keys }) =>
    info(await keys.confirmMnemonic(id, words, label, passphrase)),

  'keys.import': async ({ label, passphrase, source }, { keys }) => {
    if (source.kind === 'privateKey') return info(await keys.importPrivateKey(source.privateKey, label, passphrase))
    if (source.kind === 'mnemonic')
      return info(await keys.importMnemonic(source.mnemonic, source.index, label, passphrase))
    return info(await keys.importKeystore(source.json, source.keystorePassphrase, label, passphrase))
  },

  'keys.watch': ({ label, address }, { keys }) => info(keys.addWatch(address, label)),

  'keys.rename': ({ address, label }, { keys }) => info(keys.rename(address, label)),

  'keys.delete': ({ address }, services) => {
    services.keys.remove(address)
    return keysState(services)
  },

  'keys.unlock': async ({ address, passphrase }, { keys }) => info(await keys.unlock(address, passphrase)),

  'keys.lock': ({ address }, services) => {
    if (address) services.keys.lock(address)
    else services.keys.lockAll()
    return keysState(services)
  },

  'keys.setActive': ({ address }, services) => {
    services.keys.setActive(address)
    return keysState(services)
  },

  'keys.setAutoLock': ({ minutes }, services) => {
    services.keys.setAutoLock(minutes)
    return keysState(services)
  },

  'keys.export': ({ address, passphrase }, { keys }) => keys.exportKeystore(address, passphrase),

  'keys.importSandboxSigners': async ({ passphrase }, services) => {
    const chain = getActiveChain(services.ctx.db)
    if (!chain?.isSandbox)
      throw new ApiError(
        'CONFLICT',
        'The demo signers exist only on the sandbox chain; this workspace is on another chain. Their keys are public: never use them elsewhere.',
      )
    await services.keys.importUnlocked(sandboxAccounts().signers, passphrase, 'sandbox-demo')
    return keysState(services)
  },
}
