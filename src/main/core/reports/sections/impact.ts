import type { Db } from '../../db/open'
import type { Period } from '../../audit'
import type { ChainClock } from '../../governance'
import type { ImpactAmount } from '../../../../shared/contract/impact'
import { decisionImpacts } from '../decision-impact'
import { humanUnits } from '../units'
import type { SectionTable } from './types'

const amounts = (list: ImpactAmount[]) =>
  list.map((a) => `${humanUnits(a.amount, a.decimals)} ${a.symbol}`).join(', ') || '—'

/** Decision impact: per decision, the money approved and moved, the grants and milestones funded, lines changed. */
export function impactSection(db: Db, period: Period, clock: ChainClock | null): SectionTable {
  return {
    headers: ['Decision', 'Approved', 'Moved', 'Grants and milestones funded', 'Budget lines changed'],
    rows: decisionImpacts(db, period, clock).map((d) => [
      d.title,
      amounts(d.approved),
      amounts(d.moved),
      d.grants
        .map((g) => `#${g.grantId} ${g.title}: ${g.milestones.map((m) => `${m.title} ${m.status}`).join(', ')}`)
        .join('; ') || '—',
      d.budgetLines
        .map((l) => {
          const parts = [
            l.charged !== '0' ? `${humanUnits(l.charged, l.decimals)} ${l.symbol} charged` : null,
            l.reallocated !== '0'
              ? `${l.reallocated.startsWith('-') ? '-' : '+'}${humanUnits(l.reallocated.replace('-', ''), l.decimals)} ${l.symbol} reallocated`
              : null,
          ].filter(Boolean)
          return `${l.period} ${l.category}: ${parts.join(', ')}`
        })
        .join('; ') || '—',
    ]),
  }
}
