import { test, expect, appApi, gotoRoute, hostChain, type AppUnderTest } from './fixtures'
import { Contract, JsonRpcProvider, Wallet, parseEther, parseUnits } from 'ethers'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { signSafeTx } from '../src/main/core/signing/safe-tx'

// One sandbox host for the file: each test reads the Safe's nonce before it acts and counts from there, and the
// earlier tests leave no proposal pending on the next nonce.
test.use({ hostPerFile: true })

const { signers } = sandboxAccounts()

async function setup(app: AppUnderTest) {
  // The same API the page uses, for the steps a real signer does on another machine, and the chain itself.
  const api = appApi(app)
  const chain = await hostChain(app)
  const info = await api('workspace.info', {})
  const overview = await api('safe.overview', { refresh: true })
  const rpc = new JsonRpcProvider(info.chain!.rpcUrl, undefined, { cacheTimeout: -1 })
  const token = overview.balances.find((b) => b.symbol === 'AITBC')!.address!
  /** A demo signer signs the proposal's SafeTx with their own wallet, off-app, and hands the signature over. */
  const signOffApp = async (id: number, i: number) => {
    const p = await api('proposals.get', { id })
    return signSafeTx(new Wallet(signers[i].privateKey), p.chainId, p.safe, p.safeTx)
  }
  const signViaApi = async (id: number, ...indexes: number[]) => {
    for (const i of indexes) await api('proposals.addSignature', { id, signature: await signOffApp(id, i) })
  }
  return { api, chain, rpc, safe: overview.address, token, signOffApp, signViaApi }
}

const idFromUrl = (url: string) => Number(/#\/proposals\/(\d+)/.exec(url)![1])

test('ETH transfer: proposed in the app, signed by 2 owners (paste and file round trip), simulated, executed', async ({
  app,
}) => {
  const { page } = app
  const { api, chain, rpc, safe, signOffApp } = await setup(app)
  const recipient = Wallet.createRandom().address
  const nonceBefore = await chain.safeNonce(safe)
  await page.getByRole('link', { name: 'Proposals' }).click()
  await page.getByRole('button', { name: 'New proposal' }).click()
  await page.getByLabel('Title').fill('Pay the security auditor')
  await page.getByLabel('Category').fill('Security')
  await page.getByLabel('Recipient').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill('2.5')
  await page.getByRole('button', { name: 'Propose' }).click()
  await expect(page.getByTestId('proposal-title')).toHaveText('Pay the security auditor')
  await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')
  await expect(page.getByTestId('actions')).toContainText('Send 2.5 ETH to')
  const id = idFromUrl(page.url())

  // Alice signs elsewhere and pastes her signature.
  await page.getByLabel(/Add a signature made elsewhere/).fill(await signOffApp(id, 0))
  await page.getByRole('button', { name: 'Add signature' }).click()
  await expect(page.getByTestId('signature-progress')).toHaveText('1 of 2')
  expect((await api('proposals.get', { id })).signatures.map((x) => x.signer)).toEqual([signers[0].address])

  // Bob gets the signing request as a file, signs it on his machine, and his signature comes back as a file.
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download signing request' }).click()
  const request = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8'))
  expect(request).toMatchObject({ safe: expect.any(String), safeTxHash: expect.stringMatching(/^0x/) })
  const bob = new Wallet(signers[1].privateKey)
  const signature = await signSafeTx(bob, request.chainId, request.safe, request.safeTx)
  const file = join(mkdtempSync(join(tmpdir(), 'sig-')), 'bob-signature.json')
  writeFileSync(file, JSON.stringify({ safeTxHash: request.safeTxHash, signer: bob.address, signature }))
  await page.getByLabel('Signature file').setInputFiles(file)
  await expect(page.getByTestId('signature-progress')).toHaveText('2 of 2')
  await expect(page.getByTestId('status')).toHaveText('Ready')
  await expect(page.getByTestId('owner-signatures')).toContainText('Bob (demo)')
  expect((await api('proposals.get', { id })).signatures.map((x) => x.signer).sort()).toEqual(
    [signers[0].address, signers[1].address].sort(),
  )
  expect(await chain.balance(recipient)).toBe(0n)

  await page.getByRole('button', { name: 'Simulate' }).click()
  await expect(page.getByTestId('simulation-verdict')).toContainText('Simulation succeeds')
  await expect(page.getByText('Gas is paid by the sandbox node account')).toBeVisible()
  await page.getByRole('button', { name: 'Execute' }).click()
  await expect(page.getByTestId('status')).toHaveText('Executed')
  await expect(page.getByTestId('executions')).toContainText('ExecutionSuccess')
  expect(await chain.balance(recipient)).toBe(parseEther('2.5'))
  expect(await chain.safeNonce(safe)).toBe(nonceBefore + 1n)
  expect((await api('proposals.get', { id })).status).toBe('executed')
  await page.screenshot({ path: `e2e/screenshots/proposal-executed-${app.target}.png`, fullPage: true })

  await page.getByRole('link', { name: 'Audit trail' }).click()
  for (const action of ['proposal.created', 'proposal.signature_added', 'proposal.simulated', 'proposal.executed'])
    await expect(page.getByTestId('audit-table')).toContainText(action)
  await page.getByRole('button', { name: 'Verify the chain' }).click()
  await expect(page.getByTestId('audit-verdict')).toContainText('Chain intact')
  rpc.destroy()
})

test('an ERC-20 batch of 3, then two proposals on one nonce resolved by a rejection', async ({ app }) => {
  const { page } = app
  const { api, chain, rpc, safe, token, signViaApi } = await setup(app)
  const to = [0, 1, 2].map(() => Wallet.createRandom().address)
  const nonceBefore = await chain.safeNonce(safe)
  await gotoRoute(app, `/proposals/new`)
  await page.getByLabel('Title').fill('Three grants')
  for (let i = 0; i < 3; i++) {
    if (i > 0) await page.getByRole('button', { name: 'Add a transaction' }).click()
    const part = page.getByTestId(`part-${i}`)
    await part.getByLabel('Type').selectOption('erc20_transfer')
    await part.getByLabel('Recipient').fill(to[i])
    await part.getByLabel(/Amount/).fill(String(100 * (i + 1)))
  }
  await page.getByRole('button', { name: 'Propose' }).click()
  await expect(page.getByTestId('actions').locator('li')).toHaveCount(3)
  await expect(page.getByText('batched through MultiSend')).toBeVisible()
  const batchId = idFromUrl(page.url())
  await signViaApi(batchId, 0, 2)
  await page.reload()
  await page.getByRole('button', { name: 'Execute' }).click()
  await expect(page.getByTestId('status')).toHaveText('Executed')
  const erc20 = new Contract(token, ['function balanceOf(address) view returns (uint256)'], rpc)
  for (let i = 0; i < 3; i++) expect(await erc20.balanceOf(to[i])).toBe(parseUnits(String(100 * (i + 1)), 18))
  for (let i = 0; i < 3; i++) expect(await chain.tokenBalance(token, to[i])).toBe(parseUnits(String(100 * (i + 1)), 18))
  expect(await chain.safeNonce(safe)).toBe(nonceBefore + 1n)
  expect((await api('proposals.get', { id: batchId })).status).toBe('executed')

  // Two payments compete for the same nonce; the council rejects the first.
  const a = await api('proposals.create', {
    safe,
    title: 'Vendor A',
    body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: to[0], amount: '1000' }] },
  })
  const b = await api('proposals.create', {
    safe,
    title: 'Vendor B',
    nonce: a.nonce,
    body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: to[1], amount: '1000' }] },
  })
  await gotoRoute(app, `/proposals`)
  await expect(page.getByTestId(`proposal-row-${a.id}`)).toContainText('⚠ 2')
  await page.screenshot({ path: `e2e/screenshots/proposal-queue-${app.target}.png`, fullPage: true })
  await page.getByRole('link', { name: 'Vendor A' }).click()
  await expect(page.getByTestId('nonce-conflict')).toContainText('2 proposals share nonce')
  await page.getByRole('button', { name: 'Reject on chain…' }).click()
  await expect(page.getByTestId('proposal-title')).toHaveText(/^Reject #\d+: Vendor A/)
  const rejectionId = idFromUrl(page.url())
  await signViaApi(rejectionId, 1, 2)
  await page.reload()
  await page.getByRole('button', { name: 'Execute' }).click()
  await expect(page.getByTestId('status')).toHaveText('Executed')
  for (const other of [a, b]) {
    await gotoRoute(app, `/proposals/${other.id}`)
    await expect(page.getByTestId('status')).toHaveText('Replaced')
    await expect(page.getByTestId('replaced-by')).toContainText(
      `Rejected: nonce ${a.nonce} was used by rejection #${rejectionId}`,
    )
  }
  expect(await chain.balance(to[0])).toBe(0n)
  expect(await chain.balance(to[1])).toBe(0n)
  expect(await chain.safeNonce(safe)).toBe(BigInt(a.nonce) + 1n)
  for (const other of [a, b]) expect((await api('proposals.get', { id: other.id })).status).toBe('replaced')
  expect((await api('proposals.get', { id: rejectionId })).status).toBe('executed')
  rpc.destroy()
})

test('a reverting call shows its reason and is not executed; Transaction Builder files in, bad ones refused by line', async ({
  app,
}) => {
  const { page } = app
  const { api, chain, rpc, safe, token, signViaApi } = await setup(app)
  const recipient = Wallet.createRandom().address
  const nonceBefore = await chain.safeNonce(safe)
  const tooMuch = await api('proposals.create', {
    safe,
    title: 'More than the treasury holds',
    body: {
      type: 'transactions',
      parts: [{ type: 'erc20_transfer', token, to: recipient, amount: parseUnits('50000000', 18).toString() }],
    },
  })
  await signViaApi(tooMuch.id, 0, 1)
  await gotoRoute(app, `/proposals/${tooMuch.id}`)
  await page.getByRole('button', { name: 'Simulate' }).click()
  await expect(page.getByTestId('simulation-verdict')).toContainText('Simulation fails')
  await expect(page.getByTestId('revert-reason')).toContainText('ERC20: transfer amount exceeds balance')
  await expect(page.getByRole('button', { name: 'Execute' })).toBeDisabled()
  await expect(page.getByTestId('status')).toHaveText('Ready')
  await page.getByRole('button', { name: 'Cancel locally' }).click()
  await expect(page.getByTestId('status')).toHaveText('Cancelled')
  expect((await api('proposals.get', { id: tooMuch.id })).status).toBe('cancelled')
  expect(await chain.safeNonce(safe)).toBe(nonceBefore) // nothing was executed
  expect(await chain.tokenBalance(token, recipient)).toBe(0n)

  const dir = mkdtempSync(join(tmpdir(), 'txb-'))
  const batch = (transactions: unknown[], name: string) => ({
    version: '1.0',
    chainId: '31337',
    createdAt: Date.now(),
    meta: {
      name,
      description: '',
      txBuilderVersion: '1.16.5',
      createdFromSafeAddress: safe,
      createdFromOwnerAddress: '',
    },
    transactions,
  })
  const rawFile = join(dir, 'raw.json')
  writeFileSync(
    rawFile,
    JSON.stringify(
      batch(
        [
          { to: recipient, value: '1000', data: null, contractMethod: null, contractInputsValues: null },
          { to: recipient, value: '2000', data: '0x', contractMethod: null, contractInputsValues: null },
        ],
        'Raw form',
      ),
      null,
      2,
    ),
  )
  const methodTx = {
    to: token,
    value: '0',
    data: null,
    contractMethod: {
      inputs: [
        { internalType: 'address', name: 'to', type: 'address' },
        { internalType: 'uint256', name: 'amount', type: 'uint256' },
      ],
      name: 'transfer',
      payable: false,
    },
    contractInputsValues: { to: recipient, amount: '5000000000000000000' },
  }
  const methodFile = join(dir, 'method.json')
  writeFileSync(
    methodFile,
    JSON.stringify(
      batch([methodTx, { ...methodTx, contractInputsValues: { to: recipient, amount: '1' } }], 'Method form'),
      null,
      2,
    ),
  )

  for (const [file, name, line] of [
    [rawFile, 'Raw form', 'Send 0.000000000000001 ETH'],
    [methodFile, 'Method form', 'Send 5 AITBC'],
  ]) {
    await gotoRoute(app, `/proposals/import`)
    await page.getByLabel('Batch file').setInputFiles(file)
    await expect(page.getByTestId('import-preview')).toContainText(`${name}: 2 transactions`)
    await expect(page.getByTestId('import-preview')).toContainText(line)
    await page.getByRole('button', { name: 'Add as one proposal' }).click()
    await expect(page.getByTestId('proposal-title')).toHaveText(name)
    await expect(page.getByTestId('actions').locator('li')).toHaveCount(2)
  }
  // The last import: Carol approves its hash on chain from the app; the details are edited (the hash is not).
  const hash = await page.getByTestId('safe-tx-hash').textContent()
  await page.getByLabel('Approve on chain as').selectOption({ label: 'Carol (demo)' })
  await page.getByRole('button', { name: 'Approve hash on chain' }).click()
  await expect(page.getByTestId('signature-progress')).toHaveText('1 of 2')
  await expect(page.getByTestId('owner-signatures')).toContainText('approved on chain')
  expect(await chain.approvedHash(safe, signers[2].address, hash!.trim())).toBe(1n)
  expect(await chain.approvedHash(safe, signers[0].address, hash!.trim())).toBe(0n)
  await page.getByRole('button', { name: 'Edit details' }).click()
  await page.getByRole('form', { name: 'Edit details' }).getByLabel('Title').fill('Method form, renamed')
  await page.getByRole('button', { name: 'Save details' }).click()
  await expect(page.getByTestId('proposal-title')).toHaveText('Method form, renamed')
  expect(await page.getByTestId('safe-tx-hash').textContent()).toBe(hash)
  const renamed = idFromUrl(page.url())
  expect(await api('proposals.get', { id: renamed })).toMatchObject({
    title: 'Method form, renamed',
    safeTxHash: hash!.trim(),
  })

  const bad = batch([methodTx, { ...methodTx, contractInputsValues: { to: '0x12345', amount: '1' } }], 'Broken')
  const badText = JSON.stringify(bad, null, 2)
  const badLine = badText.split('\n').findIndex((l) => l.includes('"0x12345"')) + 1
  const badFile = join(dir, 'bad.json')
  writeFileSync(badFile, badText)
  const before = await api('proposals.list', { view: 'all' })
  await gotoRoute(app, `/proposals/import`)
  await page.getByLabel('Batch file').setInputFiles(badFile)
  await expect(page.getByTestId('import-error')).toContainText(
    `line ${badLine}, transactions[1].contractInputsValues.to: "0x12345" is not an address`,
  )
  await expect(page.getByTestId('import-error')).toContainText(`> ${String(badLine).padStart(4)} |`)
  await expect(page.getByTestId('import-preview')).toHaveCount(0)
  expect((await api('proposals.list', { view: 'all' })).total).toBe(before.total)
  rpc.destroy()
})
