import { describe, expect, it } from 'vitest'
import { createElement as h } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { DataTable, type Column } from './DataTable'
import { AmountCell } from './cells'
import { compareSortValues, shouldVirtualise } from './tableModel'

interface Line {
  id: number
  category: string
  remaining: string
}
const columns: Column<Line>[] = [
  { id: 'category', header: 'Category', rowHeader: true, cell: (l) => l.category, sortValue: (l) => l.category },
  {
    id: 'remaining',
    header: 'Remaining',
    numeric: true,
    testId: 'remaining',
    cell: (l) => h(AmountCell, { amount: l.remaining, decimals: 18 }),
    sortValue: (l) => BigInt(l.remaining),
  },
]
const render = (props: Partial<Parameters<typeof DataTable<Line>>[0]>) =>
  renderToStaticMarkup(
    h(DataTable<Line>, {
      rows: [],
      columns,
      rowKey: (l: Line) => l.id,
      empty: h('p', { className: 'empty' }, 'None yet'),
      ...props,
    }),
  )

describe('DataTable', () => {
  it('renders rows with their test ids, a row header and amounts in base units shown exactly', () => {
    const html = render({
      testId: 'budget-lines',
      rowTestId: (l) => `line-${l.category}`,
      rows: [{ id: 1, category: 'research', remaining: '1234500000000000000000' }],
    })
    expect(html).toContain('data-testid="budget-lines"')
    expect(html).toContain('<tr data-testid="line-research"><th scope="row">research</th>')
    expect(html).toContain('<td class="num mono" data-testid="remaining">1,234.5</td>')
    expect(html).toContain('<button type="button" class="sort">Category')
  })

  it('shows the empty state, the loading state and the error instead of a table', () => {
    expect(render({ rows: [] })).toBe('<p class="empty">None yet</p>')
    expect(render({ rows: undefined, loading: true, loadingLabel: 'Reading lines…' })).toContain('Reading lines…')
    const failed = render({ rows: undefined, error: { message: 'No chain', code: 'NOT_CONFIGURED' } })
    expect(failed).toContain('role="alert"')
    expect(failed).toContain('No chain')
    expect(failed).toContain('Connect a chain')
  })

  it('adds a row-actions column', () => {
    const html = render({
      rows: [{ id: 1, category: 'ops', remaining: '0' }],
      rowActions: (l) => h('button', null, `Open ${l.category}`),
      actionsLabel: 'Batches',
    })
    expect(html).toContain('<th scope="col">Batches</th>')
    expect(html).toContain('<td class="row-actions"><button>Open ops</button></td>')
  })

  it('marks the selected row and says how many rows a paged table holds in all', () => {
    const html = render({
      rows: [
        { id: 1, category: 'ops', remaining: '0' },
        { id: 2, category: 'dev', remaining: '0' },
      ],
      rowAriaSelected: (l) => l.id === 2,
      totalRows: 500,
    })
    expect(html).toContain('aria-rowcount="501"')
    expect(html).toMatch(/<tr aria-selected="false"><th scope="row">ops<\/th>/)
    expect(html).toMatch(/<tr aria-selected="true"><th scope="row">dev<\/th>/)
  })

  it('virtualises long tables: only a window of rows is rendered', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: i, category: `c${i}`, remaining: String(i) }))
    const html = render({ rows, testId: 'long' })
    expect(html).toContain('data-testid="long-scroller"')
    expect((html.match(/<tr /g) ?? []).length).toBeLessThan(100)
    expect(shouldVirtualise(200)).toBe(false)
    expect(shouldVirtualise(201)).toBe(true)
  })
})

describe('sorting values', () => {
  it('orders money as bigint, strings naturally, empty last', () => {
    const big = ['100000000000000000001', '99999999999999999999', '5'].map(BigInt)
    expect([...big].sort(compareSortValues)).toEqual([5n, 99999999999999999999n, 100000000000000000001n])
    expect(['line 10', 'line 9', 'line 1'].sort(compareSortValues)).toEqual(['line 1', 'line 9', 'line 10'])
    expect([null, 2, undefined, 1].sort(compareSortValues)).toEqual([1, 2, null, undefined])
  })
})
