import { RuleTester } from 'eslint'
import { describe, it } from 'vitest'
// @ts-expect-error: a plain .mjs ESLint rule without type declarations
import { rendererLayers } from '../../eslint/renderer-layers.mjs'

// The renderer's house plan as a lint rule: these cases are what it must allow and refuse.
RuleTester.describe = describe
RuleTester.it = it
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } })
const at = (path: string) => `/repo/src/renderer/src/${path}`

tester.run('renderer/layers', rendererLayers, {
  valid: [
    { filename: at('features/grants/GrantsPage.tsx'), code: "import { useBudgetLines } from '../budgets'" },
    { filename: at('features/grants/GrantsPage.tsx'), code: "import { useBudgetLines } from '../budgets/index'" },
    { filename: at('features/grants/GrantsPage.tsx'), code: "import { GrantView } from './GrantView'" },
    { filename: at('features/grants/GrantsPage.tsx'), code: "import { DataTable } from '../../ui'" },
    { filename: at('app/homes/CouncilHome.tsx'), code: "import { BudgetLinesTable } from '../../features/budgets'" },
    { filename: at('ui/DataTable.tsx'), code: "import { errorInfo } from '../data/errors'" },
  ],
  invalid: [
    {
      filename: at('features/grants/GrantsPage.tsx'),
      code: "import { BudgetsPage } from '../budgets/BudgetsPage'",
      errors: [{ message: /through its index\.ts/ }],
    },
    {
      filename: at('features/grants/GrantsPage.tsx'),
      code: "import { App } from '../../app/App'",
      errors: [{ message: /imports only go down/ }],
    },
    {
      filename: at('ui/Card.tsx'),
      code: "import { GrantsPage } from '../features/grants'",
      errors: [{ message: /imports only go down/ }],
    },
    {
      filename: at('app/pages.ts'),
      code: "const page = () => import('../features/budgets/BudgetsPage')",
      errors: [{ message: /through their index\.ts/ }],
    },
  ],
})
