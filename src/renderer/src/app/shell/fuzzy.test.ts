import { describe, expect, it } from 'vitest'
import { fuzzyScore, rankByFuzzy } from './fuzzy'

const labels = ['Home', 'Dashboard', 'Proposals', 'Audit trail', 'Address book', 'New proposal', 'Sign a request file']

describe('palette filter', () => {
  it('matches letters in order, not necessarily adjacent', () => {
    expect(fuzzyScore('nprop', 'New proposal')).not.toBeNull()
    expect(fuzzyScore('xyz', 'New proposal')).toBeNull()
    expect(fuzzyScore('', 'anything')).toBe(0)
  })

  it('ranks word starts and runs first', () => {
    const rank = (q: string) =>
      rankByFuzzy(
        labels,
        q,
        (l) => l,
        () => '',
      )
    expect(rank('aud')[0]).toBe('Audit trail')
    expect(rank('new p')[0]).toBe('New proposal')
    expect(rank('sign')[0]).toBe('Sign a request file')
    expect(rank('')).toEqual(labels)
  })

  it('finds by keyword, below a label match', () => {
    const items = [
      { label: 'Theme', keywords: 'dark light' },
      { label: 'Dashboard', keywords: '' },
    ]
    const rank = (q: string) =>
      rankByFuzzy(
        items,
        q,
        (i) => i.label,
        (i) => i.keywords,
      ).map((i) => i.label)
    expect(rank('dark')).toEqual(['Theme'])
    expect(rank('da')).toEqual(['Dashboard', 'Theme'])
  })
})
