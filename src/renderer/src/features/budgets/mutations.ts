import { useCallMutation } from '../../data'

export const useCreatePeriod = () => useCallMutation('budgets.createPeriod')
export const useCreateLine = () => useCallMutation('budgets.createLine')
export const useExportBudgetCsv = () => useCallMutation('budgets.exportCsv', { invalidates: ['audit'] })
