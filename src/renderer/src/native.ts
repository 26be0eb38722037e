import { useEffect, useState } from 'react'
import { call } from './api/client'
import type { NativeCurrencyInfo } from '../../shared/contract'
import { useApp } from './store'

/** What is shown until the chain's native currency is read: a neutral name, never a guessed symbol. */
const PENDING: Pick<NativeCurrencyInfo, 'symbol' | 'decimals' | 'name'> = {
  symbol: 'native',
  decimals: 18,
  name: 'native coin',
}

const cache = new Map<number, NativeCurrencyInfo>()
const listeners = new Set<() => void>()

/** Forget what was read (after the user edits a chain's native currency), so every amount re-renders with it. */
export function refreshNative(info?: NativeCurrencyInfo): void {
  if (info) cache.set(info.chainId, info)
  else cache.clear()
  for (const l of listeners) l()
}

/**
 * The native currency of a chain (the active one by default), as the workspace names it: symbol, name, decimals.
 * Every amount of the chain's coin the renderer prints goes through this, so no page writes a coin symbol itself.
 */
export function useNative(chainId?: number): Pick<NativeCurrencyInfo, 'symbol' | 'decimals' | 'name'> {
  const active = useApp((s) => s.workspace?.chain?.chainId)
  const id = chainId ?? active
  const [, bump] = useState(0)
  useEffect(() => {
    const l = () => bump((n) => n + 1)
    listeners.add(l)
    return () => void listeners.delete(l)
  }, [])
  useEffect(() => {
    if (id === undefined || cache.has(id)) return
    let live = true
    call('tokens.native', { chainId: id })
      .then((info) => {
        cache.set(id, info)
        if (live) bump((n) => n + 1)
      })
      .catch(() => {})
    return () => {
      live = false
    }
  }, [id])
  return (id !== undefined && cache.get(id)) || PENDING
}
