import { useState } from 'react'
import type { QrSignRequestView } from '../../../../shared/contract'
import { Busy, ErrorNote, QrCycle } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { readQrImage } from '../../lib/files'
import { useHardwareSigners } from './queries'
import { CameraScan } from './CameraScan'

const DIGEST_LABELS: Record<QrSignRequestView['kind'], string> = {
  'safe-tx': 'Safe transaction hash',
  'council-act': 'Council act digest',
  vote: 'Vote digest',
}

/**
 * Signing with an air-gapped QR device: the request is shown as animated ERC-4527 UR codes for the device's camera,
 * with what the device will show to compare (the signer, its path, the EIP-712 domain and message hashes); the
 * device's answer is read back from its QR code(s) (images or photos, any order) and handed to `onAnswer`.
 */
export function QrDeviceSign({
  request,
  owners,
  onAnswer,
}: {
  /** Makes the request for one paired device (a Safe transaction's, a council act's or a vote's). */
  request(signer: string): Promise<QrSignRequestView>
  /** Owners (or members) who have not signed yet: only their devices are offered. */
  owners: string[]
  /** Imports the device's eth-signature parts; resolves true when it was accepted. */
  onAnswer(parts: string[]): Promise<boolean>
}) {
  const { data: signers } = useHardwareSigners()
  const [shown, setShown] = useState<QrSignRequestView | null>(null)
  const [error, setError] = useState<ShownError | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const devices = (signers ?? []).filter((s) => s.transport === 'qr' && owners.includes(s.address))
  if (devices.length === 0) return null

  async function show(signer: string) {
    setBusy('request')
    setError(null)
    try {
      setShown(await request(signer))
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(null)
    }
  }

  async function readAnswer(files: FileList | null) {
    if (!files?.length) return
    const parts: string[] = []
    try {
      for (const file of files) parts.push(await readQrImage(file))
    } catch (e) {
      setError(errorInfo(e))
      return
    }
    await importAnswer(parts)
  }

  async function importAnswer(parts: string[]) {
    setBusy('answer')
    setError(null)
    try {
      if (await onAnswer(parts)) setShown(null)
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(null)
    }
  }

  const device = shown && devices.find((d) => d.address === shown.signer)
  return (
    <div className="stack" data-testid="qr-device-sign">
      <div className="row">
        {devices.map((d) => (
          <button key={d.address} type="button" disabled={busy !== null} onClick={() => void show(d.address)}>
            Sign with {d.label} ({d.device}, QR)
          </button>
        ))}
      </div>
      {busy === 'request' && <Busy label="Preparing the request for the device…" />}
      {shown && (
        <div className="card stack" data-testid="qr-request">
          <p>
            <strong>{device?.label ?? shown.signer}</strong> signs on its {shown.device}: scan these codes with the
            device, check what it shows against the lines below, confirm there, then read its answer here.
          </p>
          <dl className="kv small">
            <dt>Signer</dt>
            <dd className="mono">{shown.signer}</dd>
            <dt>Key on the device</dt>
            <dd className="mono">
              {shown.path} (fingerprint {shown.sourceFingerprint})
            </dd>
            <dt>Domain hash (device shows)</dt>
            <dd className="mono" data-testid="device-domain-hash">
              {shown.domainHash}
            </dd>
            <dt>Message hash (device shows)</dt>
            <dd className="mono" data-testid="device-message-hash">
              {shown.messageHash}
            </dd>
            <dt>{DIGEST_LABELS[shown.kind]}</dt>
            <dd className="mono">{shown.digest}</dd>
          </dl>
          <QrCycle
            images={shown.images}
            name={`sign-request-${shown.requestId}`}
            label="Signing request for the device"
          />
          <label>
            The device&apos;s answer: its QR image(s)
            <input
              type="file"
              accept="image/*"
              multiple
              data-testid="qr-answer-files"
              onChange={(e) => {
                void readAnswer(e.target.files)
                e.target.value = ''
              }}
            />
          </label>
          <CameraScan label="Scan the device's answer with the camera" onParts={(parts) => void importAnswer(parts)} />
          {busy === 'answer' && <Busy label="Reading and checking the device's signature…" />}
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  )
}
