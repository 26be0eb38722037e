import { useState } from 'react'
import type { PairingPreview } from '../../../../shared/contract'
import { Busy, ErrorNote, FileButton } from '../../ui'
import { useAction } from '../../data'
import { readQrImage } from '../../lib/files'
import { hardwarePairQr, hardwareReadPairing } from './mutations'
import { CameraScan } from './CameraScan'
import { DeviceAccountTable } from './DeviceAccountTable'

/**
 * Pairs an air-gapped device (Keystone, AirGap Vault…): its account QR (ERC-4527 crypto-hdkey or crypto-account)
 * is read from an image, the accounts it derives are listed, and the chosen one becomes a signer here. The address
 * is always the code's own, never typed in.
 */
export function PairQrDevice() {
  const [code, setCode] = useState<{ preview: PairingPreview; parts: string[] } | null>(null)
  const [labels, setLabels] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const action = useAction()
  const { busy, error } = action
  const run = (work: () => Promise<void>) => {
    setNotice(null)
    return action.run(work)
  }

  const readParts = (parts: string[]) =>
    run(async () => {
      setCode({ preview: await hardwareReadPairing({ parts }), parts })
    })
  const readImage = (file: File) => run(async () => readParts([await readQrImage(file)]))

  const pair = (address: string, index: number) =>
    run(async () => {
      const label = labels[address]?.trim() || `${code!.preview.device} #${index}`
      const added = await hardwarePairQr({ parts: code!.parts, address, label })
      setNotice(`${added.label} (${added.device}, ${added.path}) is now a signer.`)
      setCode({
        ...code!,
        preview: {
          ...code!.preview,
          accounts: code!.preview.accounts.map((a) => (a.address === address ? { ...a, known: true } : a)),
        },
      })
    })

  return (
    <section className="card stack" aria-labelledby="pair-qr-h">
      <h2 id="pair-qr-h">Pair a QR device</h2>
      <p className="muted small">
        On the device, open its &ldquo;connect software wallet&rdquo; screen (Keystone: MetaMask or Ledger Live layout)
        and save or photograph the account QR code; choose that image here.
      </p>
      <FileButton accept="image/*" label="Account QR image" onFile={readImage}>
        Account QR image…
      </FileButton>
      <CameraScan label="Scan the account QR with the camera" onParts={(parts) => void readParts(parts)} />
      {busy && <Busy label="Reading the code…" />}
      <ErrorNote error={error} />
      {code && (
        <div data-testid="pairing-accounts">
          <p>
            <strong>{code.preview.device}</strong>{' '}
            <span className="muted small">master fingerprint {code.preview.sourceFingerprint}</span>
          </p>
          <DeviceAccountTable
            accounts={code.preview.accounts}
            knownText="Paired"
            labels={labels}
            onLabels={setLabels}
            placeholder={(i) => `${code.preview.device} #${i}`}
            disabled={busy}
            addText={(a) => `Add ${a.address.slice(0, 8)}…`}
            onAdd={(a, i) => void pair(a.address, i)}
          />
        </div>
      )}
      {notice && (
        <p role="status" className="banner ok">
          {notice}
        </p>
      )}
    </section>
  )
}
