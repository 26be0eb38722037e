import { useEffect, useState } from 'react'
import { downloadDataUrl } from '../lib/files'

/**
 * A document's QR codes. One code is shown still; several are shown one after another (an animated code a phone
 * or webcam reads part by part, in any order), with pause and step controls and a way to save them as images.
 */
export function QrCycle({ images, name, label }: { images: string[]; name: string; label: string }) {
  const [index, setIndex] = useState(0)
  const [paused, setPaused] = useState(false)
  const total = images.length

  useEffect(() => {
    if (total < 2 || paused) return
    const timer = setInterval(() => setIndex((i) => (i + 1) % total), 900)
    return () => clearInterval(timer)
  }, [total, paused])

  const shown = Math.min(index, total - 1)
  return (
    <figure className="qr" aria-label={label}>
      <img src={images[shown]} alt={`${label}: QR code part ${shown + 1} of ${total}`} data-testid="qr-image" />
      <figcaption className="muted small">
        {total > 1 ? `Part ${shown + 1} of ${total}: scan them all, in any order.` : 'One QR code.'}
      </figcaption>
      <div className="row">
        {total > 1 && (
          <>
            <button type="button" onClick={() => setIndex((shown - 1 + total) % total)} aria-label="Previous part">
              ‹
            </button>
            <button type="button" onClick={() => setPaused((p) => !p)}>
              {paused ? 'Play' : 'Pause'}
            </button>
            <button type="button" onClick={() => setIndex((shown + 1) % total)} aria-label="Next part">
              ›
            </button>
          </>
        )}
        <button
          type="button"
          onClick={() =>
            images.forEach((image, i) =>
              downloadDataUrl(`${name}${total > 1 ? `-part${i + 1}of${total}` : ''}.png`, image),
            )
          }
        >
          Save QR image{total > 1 ? 's' : ''}
        </button>
      </div>
    </figure>
  )
}
