import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { ShownError } from '../data/errors'
import { Busy } from './Busy'
import { ErrorNote } from './ErrorNote'
import { compareSortValues, shouldVirtualise, type SortValue } from './tableModel'
import './DataTable.css'

export interface Column<T> {
  id: string
  header: ReactNode
  cell(row: T): ReactNode
  /** Makes the column sortable by this value (a header button toggles ascending, descending, unsorted). */
  sortValue?(row: T): SortValue
  /** Right-aligned figures in a monospace face (`'plain'`: right-aligned, the body face: counts, scores). */
  numeric?: boolean | 'plain'
  className?: string | ((row: T) => string)
  /** The cell that names the row: rendered as `<th scope="row">`. */
  rowHeader?: boolean
  testId?: string
  /** Hidden header text: the column still has a name for screen readers. */
  headerLabel?: string
}

export interface DataTableProps<T> {
  rows: readonly T[] | undefined
  columns: Column<T>[]
  /** A row's identity; without it, a row is known by its place in `rows` (for lists that have no key of their own). */
  rowKey?(row: T): string | number
  rowTestId?(row: T): string | undefined
  rowClassName?(row: T): string | undefined
  /** Marks the row the page shows in detail. */
  rowAriaSelected?(row: T): boolean
  /** Marks the row that is the current one (the active chain): `aria-current="true"`. */
  rowAriaCurrent?(row: T): boolean
  /** Shown instead of the table when there are no rows (say what fills it and how). */
  empty?: ReactNode
  loading?: boolean
  loadingLabel?: string
  error?: ShownError | string | null
  /** Buttons per row, in a last column named `actionsLabel`. */
  rowActions?(row: T): ReactNode
  actionsLabel?: string
  testId?: string
  label?: string
  /** A `<caption>` element (often visually hidden) that says what the table holds. */
  caption?: ReactNode
  className?: string
  /** Render the (header-only) table even without rows, below `empty`. */
  keepEmptyTable?: boolean
  /** Rows above which only the ones in view render. */
  virtualiseAbove?: number
  /** Called when the rows in view come near the last one (a paged list loads its next page). */
  onEndReached?(): void
  /** The number of rows there are in all when `rows` holds only the pages read so far (aria-rowcount). */
  totalRows?: number
  /**
   * Every row is this many pixels tall (the table's CSS keeps its cells on one line): a virtualised table then places
   * rows by arithmetic instead of measuring each one as it mounts (a forced layout in every scroll frame).
   */
  rowHeight?: number
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const
/** How near the last row the view comes before `onEndReached` asks for more. */
const END_MARGIN = 40

/** The app's one table: sorting, empty state, loading, error, row actions; virtualised when long. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, loading, error, empty } = props
  const [sorting, setSorting] = useState<SortingState>([])
  const defs = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        accessorFn: (row: T) => c.sortValue?.(row),
        enableSorting: Boolean(c.sortValue),
        sortingFn: (a: Row<T>, b: Row<T>) => compareSortValues(a.getValue(c.id), b.getValue(c.id)),
        sortUndefined: 'last' as const,
        header: () => c.header,
      })),
    [columns],
  )
  const data = useMemo(() => (rows ?? []) as T[], [rows])
  const table = useReactTable({
    data,
    columns: defs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row, index) => String(props.rowKey ? props.rowKey(row) : index),
  })
  if (error) return <ErrorNote error={error} />
  if (loading && !rows) return <Busy label={props.loadingLabel ?? 'Loading…'} />
  if (data.length === 0 && !props.keepEmptyTable) return <>{empty ?? null}</>
  // Unsorted, the rows are the data as given: react-table's row model (an object per row, rebuilt for every row
  // read so far each time a paged list adds a page) is only built when a column sorts them.
  const sorted = sorting.length ? table.getRowModel().rows.map((r) => r.original) : data
  return (
    <>
      {data.length === 0 && empty}
      <TableBody {...props} sorted={sorted}>
        <thead>
          <tr>
            {table.getHeaderGroups()[0].headers.map((header, i) => {
              const column = columns[i]
              const dir = header.column.getIsSorted()
              return (
                <th
                  key={header.id}
                  scope="col"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={dir ? ARIA_SORT[dir] : undefined}
                >
                  {column.headerLabel ? (
                    <span className="visually-hidden">{column.headerLabel}</span>
                  ) : header.column.getCanSort() ? (
                    <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true">{dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              )
            })}
            {props.rowActions && <th scope="col">{props.actionsLabel ?? 'Actions'}</th>}
          </tr>
        </thead>
      </TableBody>
    </>
  )
}

function TableBody<T>(props: DataTableProps<T> & { sorted: readonly T[]; children: ReactNode }) {
  const { sorted, rowHeight, rowKey } = props
  const keyOf = (row: T, index: number) => (rowKey ? rowKey(row) : index)
  const scroller = useRef<HTMLDivElement>(null)
  const long = shouldVirtualise(sorted.length, props.virtualiseAbove)
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight ?? 40,
    overscan: OVERSCAN,
    enabled: long,
  })
  const items = long ? virtualizer.getVirtualItems() : null
  const before = items?.length ? items[0].start : 0
  const after = items?.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0
  const lastShown = items?.length ? items[items.length - 1].index : sorted.length - 1
  const { onEndReached } = props
  useEffect(() => {
    if (onEndReached && lastShown >= sorted.length - END_MARGIN) onEndReached()
  }, [lastShown, sorted.length, onEndReached])
  const measure = long && rowHeight === undefined ? virtualizer.measureElement : undefined
  const rowProps = {
    columns: props.columns,
    measure,
    rowHeight: long ? rowHeight : undefined,
    rowTestId: props.rowTestId,
    rowClassName: props.rowClassName,
    rowAriaSelected: props.rowAriaSelected,
    rowAriaCurrent: props.rowAriaCurrent,
    rowActions: props.rowActions,
  }
  const table = (
    <table
      data-testid={props.testId}
      aria-label={props.label}
      className={props.className}
      aria-rowcount={props.totalRows !== undefined ? props.totalRows + 1 : undefined}
    >
      {props.caption}
      {props.children}
      <tbody>
        {before > 0 && <tr aria-hidden="true" style={{ height: before }} />}
        {items
          ? items.map((item) => (
              <DataRow
                key={keyOf(sorted[item.index], item.index)}
                row={sorted[item.index]}
                index={item.index}
                {...rowProps}
              />
            ))
          : sorted.map((row, i) => <DataRow key={keyOf(row, i)} row={row} {...rowProps} />)}
        {after > 0 && <tr aria-hidden="true" style={{ height: after }} />}
      </tbody>
    </table>
  )
  return long ? (
    <div ref={scroller} className="table-scroller" data-testid={props.testId && `${props.testId}-scroller`}>
      {table}
    </div>
  ) : (
    table
  )
}

/** Rows rendered beyond each edge of the view, so a slow scroll finds the next rows already there. */
const OVERSCAN = 8

interface DataRowProps<T> extends Pick<
  DataTableProps<T>,
  'columns' | 'rowTestId' | 'rowClassName' | 'rowAriaSelected' | 'rowAriaCurrent' | 'rowActions' | 'rowHeight'
> {
  row: T
  /** Its place among all the rows, when virtualised (aria-rowindex; the virtualiser's data-index). */
  index?: number
  measure?(element: Element | null): void
}

/**
 * One row. Memoised: a scroll re-renders the virtualised body, and only rows entering the view (or whose data,
 * columns or callbacks changed) render again; the others keep their elements.
 */
const DataRow = memo(function DataRow<T>(props: DataRowProps<T>) {
  const { row, index, columns } = props
  const virtual = index !== undefined
  return (
    <tr
      ref={props.measure}
      data-index={virtual ? index : undefined}
      aria-rowindex={virtual ? index + 2 : undefined}
      data-testid={props.rowTestId?.(row)}
      className={props.rowClassName?.(row)}
      style={props.rowHeight !== undefined ? { height: props.rowHeight } : undefined}
      aria-current={props.rowAriaCurrent?.(row) ? 'true' : undefined}
      aria-selected={props.rowAriaSelected ? props.rowAriaSelected(row) : undefined}
    >
      {columns.map((c) => {
        const extra = typeof c.className === 'function' ? c.className(row) : c.className
        const align = c.numeric === 'plain' ? 'num' : c.numeric ? 'num mono' : ''
        const className = [align, extra ?? ''].join(' ').trim() || undefined
        const Cell = c.rowHeader ? 'th' : 'td'
        return (
          <Cell key={c.id} scope={c.rowHeader ? 'row' : undefined} className={className} data-testid={c.testId}>
            {c.cell(row)}
          </Cell>
        )
      })}
      {props.rowActions && <td className="row-actions">{props.rowActions(row)}</td>}
    </tr>
  )
}) as <T>(props: DataRowProps<T>) => ReactNode
