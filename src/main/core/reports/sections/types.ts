/** A report section's table: the PDF lays it out; an empty `rows` prints the section's "none" sentence. */
export interface SectionTable {
  headers: string[]
  rows: string[][]
}
