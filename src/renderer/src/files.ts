/** Offers text as a file download (no server round trip; nothing leaves the machine). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export const MAX_IMPORT_BYTES = 3 * 1024 * 1024

/** Reads a chosen file as text, refusing anything too large to be what we expect. */
export async function readTextFile(file: File, maxBytes = MAX_IMPORT_BYTES): Promise<string> {
  if (file.size > maxBytes)
    throw new Error(`${file.name} is ${Math.round(file.size / 1024)} KiB; at most ${maxBytes / 1024} KiB is read.`)
  return file.text()
}
