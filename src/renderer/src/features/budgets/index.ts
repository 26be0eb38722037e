// The budgets capability's public face: other features and the app import only what is listed here.
export { BudgetsPage } from './BudgetsPage'
export { BudgetLinesTable } from './BudgetLinesTable'
export { BudgetLineSelect, budgetLineName } from './BudgetLineSelect'
export { CATEGORIES, useTokenChoices } from './tokens'
export { useBudgetLines, useBudgetOverview, useBudgetPeriods, currentPeriod } from './queries'
