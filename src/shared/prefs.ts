// The preference values on their own, free of zod: the renderer's first bundle imports them without pulling in the
// API contract's schemas.

/** Who opens the app and what for: each role has its own home. */
export const ROLES = ['signer', 'steward', 'council'] as const
export type Role = (typeof ROLES)[number]
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
