import { useEffect, useState } from 'react'

/** The part of the hash route after the page id: `#/proposals/12` → ['12']. */
export function useRouteParts(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').slice(1).filter(Boolean)
  const [parts, setParts] = useState<string[]>(read)
  useEffect(() => {
    const onHash = () => setParts(read())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  return parts
}

export function go(path: string): void {
  window.location.hash = `/${path}`
}
