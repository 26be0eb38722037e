import { join } from 'node:path'

/**
 * `entry` bundled by esbuild for plain node into node_modules/.cache/treasury-bench/`name` (its own modules inlined,
 * packages left to node_modules), so the bench runs it, and its threads start, without tsx. Answers the file.
 */
export async function bundleForNode(entry: string, name: string, define?: Record<string, string>): Promise<string> {
  const { build } = await import('esbuild')
  const outfile = join(__dirname, '..', 'node_modules', '.cache', 'treasury-bench', name)
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'silent',
    define,
  })
  return outfile
}
