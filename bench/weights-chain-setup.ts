// `npx tsx bench/weights-chain-setup.ts OUT.json [holders transfers votes delegates]`: generates a votes token on a
// fresh sandbox (bench/holders-generator.ts), places Multicall3 at its canonical address, writes what
// bench/weights-chain-probe.ts needs to OUT.json and keeps the node running until this process is stopped, so the
// probe can be run many times against one generated chain.
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { startSandbox } from '../src/main/core/sandbox'
import { rpcBatch } from '../src/main/core/governance'
import { MULTICALL3_ADDRESS } from '../src/main/core/tokens/balances'
import testTokens from '../test/fixtures/tokens/TestTokens.json'
import { generateHolders } from './holders-generator'

async function main() {
  const [out, holders = '20000', transfers = '200000', votes = '16000', delegates = '200'] = process.argv.slice(2)
  if (!out) throw new Error('usage: weights-chain-setup.ts OUT.json [holders transfers votes delegates]')
  const scale = { holders: +holders, transfers: +transfers, votes: +votes, delegates: +delegates }
  const sandbox = await startSandbox()
  const generated = await generateHolders(sandbox, scale, (l) => process.stderr.write(`  ${l}\n`))
  await rpcBatch(sandbox.rpcUrl, [
    { method: 'hardhat_setCode', params: [MULTICALL3_ADDRESS, testTokens.contracts.Multicall3Subset.deployedBytecode] },
  ])
  writeFileSync(
    out,
    JSON.stringify({
      rpcUrl: sandbox.rpcUrl,
      token: generated.token,
      snapshot: generated.readyBlock,
      voters: generated.holders.slice(0, scale.votes),
      scale,
      generateMs: Math.round(generated.ms),
      load: loadavg(),
    }),
  )
  process.stderr.write(
    `generated in ${Math.round(generated.ms)} ms at load ${loadavg()[0]}; node at ${sandbox.rpcUrl}\n`,
  )
  const stop = () => void sandbox.stop().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  setInterval(() => undefined, 1 << 30)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
