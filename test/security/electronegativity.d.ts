declare module '@doyensec/electronegativity' {
  const run: (options: Record<string, unknown>) => Promise<unknown>
  export default run
}
