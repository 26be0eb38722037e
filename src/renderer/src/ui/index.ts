// The UI kit: presentational pieces every feature shares. It knows no capability and calls no API.
export { Busy } from './Busy'
export { ErrorNote, ERROR_HINTS } from './ErrorNote'
export { Field } from './Field'
export { StatusChip } from './StatusChip'
export { AddressLabel } from './AddressLabel'
export { BarChart } from './BarChart'
export { QrCycle } from './QrCycle'
