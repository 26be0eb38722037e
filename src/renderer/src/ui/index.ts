// The UI kit: presentational pieces every feature shares. It knows no capability and calls no API.
export { Busy } from './Busy'
export { ErrorNote, ERROR_HINTS } from './ErrorNote'
export { Field } from './Field'
export { StatusChip } from './StatusChip'
export { AmountCell, AddressCell } from './cells'
export { Card } from './Card'
export { Dialog } from './Dialog'
export { DataTable, type Column, type DataTableProps } from './DataTable'
export { compareSortValues, type SortValue } from './tableModel'
export {
  ActionForm,
  FormEnd,
  Options,
  addressOptions,
  TextField,
  SelectField,
  useCallForm,
  callFormSchema,
  formMessage,
  humanErrors,
} from './form'
export { SeriesChart, type ChartPoint } from './SeriesChart'
export { timeTick } from './timeTicks'
export { QrCycle } from './QrCycle'
export { PageHead } from './PageHead'
export { FileButton } from './FileButton'
export { PeriodFields, PeriodPicker, periodInput, NO_PERIOD, type PeriodDays } from './PeriodFields'
export { useModal } from './useModal'
export { TextInput, draftFields } from './TextInput'
export { RemoveButton } from './RemoveButton'
