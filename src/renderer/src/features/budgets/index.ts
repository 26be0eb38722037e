// The budgets capability's public face: other features and the app import only what is listed here.
export { BudgetsPage } from './BudgetsPage'
export { BudgetLineSelect, budgetLineName } from './BudgetLineSelect'
export { CATEGORIES, useTokenChoices } from './tokens'
