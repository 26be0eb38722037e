import { useEffect, useRef, useState } from 'react'
import { startCameraScan, urPartsEnough } from '../../lib/camera'

/**
 * "Scan with camera": reads a device's QR code(s) off its screen. The camera runs only while this is open; the
 * UR parts read are handed over once they are enough to decode (any order, repeats ignored).
 */
export function CameraScan({ label, onParts }: { label: string; onParts(parts: string[]): void }) {
  const [open, setOpen] = useState(false)
  return (
    <div className="stack">
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          {label}
        </button>
      ) : (
        <CameraView
          onDone={(parts) => {
            setOpen(false)
            if (parts) onParts(parts)
          }}
        />
      )}
    </div>
  )
}

function CameraView({ onDone }: { onDone(parts: string[] | null): void }) {
  const video = useRef<HTMLVideoElement>(null)
  const [count, setCount] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const done = useRef(onDone)
  done.current = onDone

  useEffect(() => {
    let scan: { stop(): void } | null = null
    let cancelled = false
    const parts: string[] = []
    startCameraScan(video.current!, (text) => {
      parts.push(text)
      setCount(parts.length)
      if (urPartsEnough(parts)) {
        scan?.stop()
        done.current([...parts])
      }
    })
      .then((s) => {
        if (cancelled) s.stop()
        else scan = s
      })
      .catch((e: Error) => setError(e.message))
    return () => {
      cancelled = true
      scan?.stop()
    }
  }, [])

  return (
    <div className="stack" data-testid="camera-scan">
      <video ref={video} muted playsInline style={{ maxWidth: 320 }} aria-label="Camera view" />
      <p className="muted small" role="status">
        {error ??
          (count ? `${count} QR part${count > 1 ? 's' : ''} read…` : 'Hold the device’s QR code to the camera.')}
      </p>
      <button type="button" onClick={() => onDone(null)}>
        Stop the camera
      </button>
    </div>
  )
}
