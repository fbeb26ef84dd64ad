/** Saves bytes as a file through the browser's downloads; the URL lives 10 s, as revoking it at once can cancel the download in Firefox. */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves text as a file through the browser's downloads (an export). */
export function download(name: string, type: string, text: string): void {
  saveBlob(name, new Blob([text], { type }))
}
