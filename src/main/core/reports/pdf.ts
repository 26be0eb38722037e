import { createRequire } from 'node:module'
import type PDFKitDocument from 'pdfkit'
import { formatUnits } from 'ethers'
import type { FileSink } from './sink'
import type { CountRow, SafeReport, TransparencyReportData } from './report-data'

/**
 * The transparency report a council can publish: balances at the start and end of the period, inflows and outflows
 * per category, budget vs actual, grants, governance, signer participation and the audit trail, with simple bar
 * charts drawn from pdfkit primitives and the audit head hash on every page. Standard PDF fonts only (Helvetica),
 * so the text stays extractable and searchable; the text is kept to the WinAnsi character set they cover.
 */
const MARGIN = 50
const INK = '#14171f'
const MUTED = '#5b6475'
const RULE = '#dde1e8'
const BAR_A = '#1f5eff'
const BAR_B = '#0f7b3f'
const BAR_C = '#b3261e'

type Doc = PDFKit.PDFDocument

// pdfkit and its fonts take over a second to load: only a PDF export pays for them, not every start. A require, not
// import(): the export worker runs this file through tsx's CommonJS hook, where a dynamic import does not resolve.
let pdfkit: typeof PDFKitDocument | null = null
function loadPdfKit(): typeof PDFKitDocument {
  const load = createRequire(typeof __filename === 'string' ? __filename : process.cwd() + '/index.js')
  return (pdfkit ??= load('pdfkit') as typeof PDFKitDocument)
}

export async function writeTransparencyReport(data: TransparencyReportData, sink: FileSink): Promise<void> {
  const PDFDocument = loadPdfKit()
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: `Treasury transparency report ${periodText(data)}`,
      Author: data.generator,
      Creator: data.generator,
      Subject: `Audit head #${data.audit.workspaceHead.seq} ${data.audit.workspaceHead.hash ?? ''}`,
    },
  })
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => sink.writeBytes(chunk))
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  render(doc, data)
  footers(doc, data)
  doc.end()
  await done
}

function render(doc: Doc, data: TransparencyReportData): void {
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(20).text('Treasury transparency report')
  doc.moveDown(0.3).font('Helvetica').fontSize(11).fillColor(MUTED)
  doc.text(`Period: ${periodText(data)}`)
  if (data.chain)
    doc.text(
      `Chain: ${data.chain.name} (chain id ${data.chain.chainId})${data.chain.isSandbox ? ' - a local sandbox, not real money' : ''}`,
    )
  else doc.text('Chain: none configured')
  doc.text(`Generated ${data.generatedAt.replace('T', ' ').slice(0, 19)} UTC by ${data.generator}`)
  doc.moveDown()

  heading(doc, '1. Treasury balances')
  if (data.safes.length === 0) none(doc, 'This workspace has no Safe.')
  for (const safe of data.safes) balances(doc, safe)

  heading(doc, '2. Inflows and outflows per category')
  for (const safe of data.safes) flows(doc, safe)
  if (data.safes.length === 0) none(doc, 'No Safe, no transfers.')

  let n = 3
  for (const section of data.sections) {
    heading(doc, `${n++}. ${section.title}`)
    if (section.rows.length === 0) none(doc, section.none)
    else
      table(
        doc,
        section.headers,
        section.rows,
        section.headers.map(() => 'left'),
        'even',
      )
  }

  heading(doc, `${n++}. Signer participation`)
  if (data.participation.length === 0) none(doc, 'No one acted in this period.')
  else {
    para(doc, 'Audit events recorded per actor in the period. Safe owners are listed even when they did not act.')
    table(
      doc,
      ['Actor', 'Role', 'Audit events'],
      data.participation.map((p) => [p.actor, p.role === 'owner' ? 'Safe owner' : 'Other', String(p.events)]),
      ['left', 'left', 'right'],
    )
    barChart(
      doc,
      'Audit events per actor',
      data.participation.map((p) => ({
        label: shortActor(p.actor),
        value: p.events,
        text: String(p.events),
        color: BAR_A,
      })),
    )
  }

  heading(doc, `${n++}. Audit trail`)
  const a = data.audit
  para(
    doc,
    a.events === 0
      ? 'No audit events were recorded in this period.'
      : `${a.events} audit events in the period, #${a.firstSeq} to #${a.lastSeq}. Hash of the period's last event:`,
  )
  if (a.periodHeadHash) mono(doc, a.periodHeadHash)
  para(
    doc,
    a.verdict.ok
      ? `The whole trail (${a.verdict.events} events) was verified when this report was made: every event's SHA-256 chains to the one before it.`
      : `WARNING: the audit trail is broken at event #${a.verdict.firstBadSeq}: ${a.verdict.reason}. Events from there on cannot be trusted.`,
  )
  para(doc, `Head of the whole trail when this report was made: event #${a.workspaceHead.seq}`)
  if (a.workspaceHead.hash) mono(doc, a.workspaceHead.hash)
  if (a.perDay.length) columnChart(doc, 'Audit events per day', bucket(a.perDay))
  if (a.perAction.length)
    table(
      doc,
      ['Action', 'Events'],
      a.perAction.slice(0, 15).map((r) => [r.label, String(r.count)]),
      ['left', 'right'],
    )
}

function balances(doc: Doc, safe: SafeReport): void {
  subheading(doc, `${safe.label ?? 'Safe'} - ${safe.address}`)
  if (safe.threshold !== null) para(doc, `${safe.threshold} of ${safe.owners.length} owners must sign.`)
  if (safe.balanceNote) para(doc, safe.balanceNote)
  if (safe.blocks)
    para(
      doc,
      `Read from the chain at block ${safe.blocks.start < 0 ? '(before the chain existed)' : `#${safe.blocks.start}`} for the start and #${safe.blocks.end} for the end.`,
    )
  if (safe.balances.length === 0) return none(doc, 'No balances known.')
  table(
    doc,
    ['Token', 'Start of period', 'End of period', 'Change'],
    safe.balances.map((b) => [
      b.symbol,
      b.start === null ? 'unknown' : human(b.start, b.decimals),
      b.end === null ? 'unknown' : human(b.end, b.decimals),
      b.start === null || b.end === null ? '' : signed(BigInt(b.end) - BigInt(b.start), b.decimals),
    ]),
    ['left', 'right', 'right', 'right'],
  )
  const bars = safe.balances.flatMap((b) => [
    {
      label: `${b.symbol} start`,
      value: units(b.start, b.decimals),
      text: b.start === null ? '-' : human(b.start, b.decimals),
      color: BAR_A,
      group: b.symbol,
    },
    {
      label: `${b.symbol} end`,
      value: units(b.end, b.decimals),
      text: b.end === null ? '-' : human(b.end, b.decimals),
      color: BAR_B,
      group: b.symbol,
    },
  ])
  barChart(doc, 'Balance at start and end (each token on its own scale)', bars)
}

function flows(doc: Doc, safe: SafeReport): void {
  subheading(doc, safe.label ?? safe.address)
  if (!safe.flows) return none(doc, safe.flowNote ?? 'Transfers are not available.')
  const moving = safe.flows.filter((f) => f.inflow !== '0' || f.outflow !== '0')
  if (moving.length === 0) none(doc, 'No transfers in or out in this period.')
  else {
    table(
      doc,
      ['Category', 'Token', 'In', 'Out', 'Count in/out'],
      moving.map((f) => [
        f.category,
        f.symbol,
        human(f.inflow, f.decimals),
        human(f.outflow, f.decimals),
        `${f.transfersIn} / ${f.derived ? '-' : f.transfersOut}`,
      ]),
      ['left', 'left', 'right', 'right', 'right'],
    )
    barChart(
      doc,
      'Inflows and outflows (each token on its own scale)',
      moving.flatMap((f) => [
        {
          label: `${f.symbol} in`,
          value: units(f.inflow, f.decimals),
          text: human(f.inflow, f.decimals),
          color: BAR_B,
          group: f.symbol,
        },
        {
          label: `${f.symbol} out`,
          value: units(f.outflow, f.decimals),
          text: human(f.outflow, f.decimals),
          color: BAR_C,
          group: f.symbol,
        },
      ]),
    )
  }
  if (safe.flowNote) para(doc, safe.flowNote)
}

// ---- layout primitives ----

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage()
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60)
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor(INK).text(text, MARGIN)
  const y = doc.y + 2
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke()
  doc.moveDown(0.5)
}

function subheading(doc: Doc, text: string): void {
  ensureSpace(doc, 40)
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).fillColor(INK).text(text, MARGIN)
  doc.moveDown(0.2)
}

function para(doc: Doc, text: string): void {
  ensureSpace(doc, 30)
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(INK)
    .text(text, MARGIN, doc.y, { width: contentWidth(doc) })
  doc.moveDown(0.3)
}

function none(doc: Doc, text: string): void {
  ensureSpace(doc, 20)
  doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(text, MARGIN)
  doc.moveDown(0.4)
}

function mono(doc: Doc, text: string): void {
  ensureSpace(doc, 20)
  doc.font('Courier').fontSize(9).fillColor(INK).text(text, MARGIN)
  doc.moveDown(0.3)
}

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN
}

function table(
  doc: Doc,
  headers: string[],
  rows: string[][],
  align: Array<'left' | 'right'>,
  layout: 'first-wide' | 'even' = 'first-wide',
): void {
  const width = contentWidth(doc)
  // The first column takes what the others leave; numbers get equal narrower columns. Record sections (several
  // text columns) share the width evenly and wrap, so no figure is cut off.
  const others = headers.length - 1
  const otherWidth = layout === 'even' ? width / headers.length : others ? Math.min(110, (width * 0.6) / others) : 0
  const widths = headers.map((_, i) => (i === 0 ? width - otherWidth * others : otherWidth))
  const drawRow = (cells: string[], bold: boolean) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(layout === 'even' ? 8 : 9)
      .fillColor(bold ? MUTED : INK)
    const wrap = layout === 'even'
    const rowHeight = wrap
      ? Math.max(16, ...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 6 }) + 6))
      : 16
    ensureSpace(doc, rowHeight + 4)
    const y = doc.y
    let x = MARGIN
    cells.forEach((cell, i) => {
      doc.text(cell, x + 3, y + 3, {
        width: widths[i] - 6,
        align: align[i] ?? 'left',
        lineBreak: wrap,
        ellipsis: !wrap,
      })
      x += widths[i]
    })
    doc
      .moveTo(MARGIN, y + rowHeight)
      .lineTo(MARGIN + width, y + rowHeight)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
    doc.x = MARGIN
    doc.y = y + rowHeight
  }
  drawRow(headers, true)
  for (const row of rows) drawRow(row, false)
  doc.moveDown(0.6)
}

interface Bar {
  label: string
  value: number
  text: string
  color: string
  /** Bars of one group share a scale (a token's start and end); without groups all share one. */
  group?: string
}

/** Horizontal bars: label, bar, value. Each group scales to its own largest value. */
function barChart(doc: Doc, title: string, bars: Bar[]): void {
  if (bars.length === 0) return
  const barHeight = 12
  const gap = 5
  ensureSpace(doc, 24 + bars.length * (barHeight + gap))
  doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED).text(title, MARGIN)
  doc.moveDown(0.3)
  const labelWidth = 110
  const valueWidth = 120
  const area = contentWidth(doc) - labelWidth - valueWidth
  const max = new Map<string, number>()
  for (const b of bars) max.set(b.group ?? '', Math.max(max.get(b.group ?? '') ?? 0, b.value))
  let y = doc.y
  for (const b of bars) {
    const top = max.get(b.group ?? '') ?? 0
    const length = top > 0 && b.value > 0 ? Math.max(1, (b.value / top) * area) : 0
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(INK)
      .text(b.label, MARGIN, y + 2, { width: labelWidth - 6, lineBreak: false, ellipsis: true })
    if (length > 0) doc.rect(MARGIN + labelWidth, y, length, barHeight).fill(b.color)
    doc.fillColor(INK).text(b.text, MARGIN + labelWidth + length + 4, y + 2, { width: valueWidth, lineBreak: false })
    y += barHeight + gap
  }
  doc.x = MARGIN
  doc.y = y + 6
}

/** Vertical bars for a series over time, with the first and last labels under the axis. */
function columnChart(doc: Doc, title: string, points: CountRow[]): void {
  const height = 90
  ensureSpace(doc, height + 50)
  doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED).text(title, MARGIN)
  doc.moveDown(0.3)
  const width = contentWidth(doc)
  const top = doc.y
  const max = Math.max(...points.map((p) => p.count), 1)
  const slot = width / points.length
  const barWidth = Math.max(1, Math.min(24, slot * 0.7))
  points.forEach((p, i) => {
    const h = (p.count / max) * height
    if (h > 0) doc.rect(MARGIN + i * slot + (slot - barWidth) / 2, top + height - h, barWidth, h).fill(BAR_A)
  })
  doc
    .moveTo(MARGIN, top + height)
    .lineTo(MARGIN + width, top + height)
    .lineWidth(0.5)
    .strokeColor(MUTED)
    .stroke()
  doc.font('Helvetica').fontSize(8).fillColor(MUTED)
  doc.text(`max ${max}`, MARGIN, top - 2, { width, align: 'right' })
  doc.text(points[0].label, MARGIN, top + height + 3, { lineBreak: false })
  if (points.length > 1) doc.text(points[points.length - 1].label, MARGIN, top + height + 3, { width, align: 'right' })
  doc.x = MARGIN
  doc.y = top + height + 18
}

/** More than 62 days are drawn per month, so a year of activity stays readable. */
export function bucket(perDay: CountRow[]): CountRow[] {
  if (perDay.length <= 62) return perDay
  const months = new Map<string, number>()
  for (const d of perDay) months.set(d.label.slice(0, 7), (months.get(d.label.slice(0, 7)) ?? 0) + d.count)
  return [...months].map(([label, count]) => ({ label, count }))
}

function footers(doc: Doc, data: TransparencyReportData): void {
  const range = doc.bufferedPageRange()
  const head = data.audit.workspaceHead
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.height - MARGIN
    // Writing below the bottom margin must not start a new page.
    const saved = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font('Courier').fontSize(7).fillColor(MUTED)
    doc.text(`Audit head #${head.seq}: ${head.hash ?? '(empty trail)'}`, MARGIN, bottom, { lineBreak: false })
    doc
      .font('Helvetica')
      .fontSize(8)
      .text(`Page ${i + 1} of ${range.count}`, MARGIN, bottom, {
        width: contentWidth(doc),
        align: 'right',
        lineBreak: false,
      })
    doc.page.margins.bottom = saved
  }
}

// ---- numbers ----

function periodText(data: TransparencyReportData): string {
  const from = data.period.from ?? 'the start of the trail'
  const to = data.period.to ?? data.generatedAt.slice(0, 10)
  return `${from} to ${to} (UTC)`
}

/** Grouped human amount from base units, never through a float. */
export function human(base: string, decimals: number, maxFraction = 6): string {
  const text = formatUnits(BigInt(base), decimals)
  const negative = text.startsWith('-')
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const trimmed = fraction.slice(0, maxFraction).replace(/0+$/, '')
  return `${negative ? '-' : ''}${trimmed ? `${grouped}.${trimmed}` : grouped}`
}

function signed(delta: bigint, decimals: number): string {
  if (delta === 0n) return '0'
  return delta > 0n ? `+${human(delta.toString(), decimals)}` : human(delta.toString(), decimals)
}

/** For bar lengths only: a float is fine for pixels, never for the printed figures. */
function units(base: string | null, decimals: number): number {
  return base === null ? 0 : Number(formatUnits(BigInt(base), decimals))
}

function shortActor(actor: string): string {
  return /^0x[0-9a-fA-F]{40}$/.test(actor) ? `${actor.slice(0, 8)}...${actor.slice(-6)}` : actor
}
