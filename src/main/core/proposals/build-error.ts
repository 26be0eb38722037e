export class ProposalBuildError extends Error {
  constructor(
    message: string,
    /** Where in the input: `parts[2].args[1]`, `transactions[3].to` … */
    readonly path: string,
  ) {
    super(`${path}: ${message}`)
  }
}
