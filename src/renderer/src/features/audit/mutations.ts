import { call } from '../../data'

// Checks of this feature that store nothing: an exported bundle chosen by the person (the same code as
// `treasury audit verify`). Not cached: its input is the whole file.

export const verifyBundle = (text: string) => call('audit.verifyBundle', { text })
