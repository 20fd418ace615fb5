/** Saves text made in the browser as a file: a Blob and a download link, nothing sent. Browser-only. */

/** Offers `text` as a download named `fileName`. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; freeing it at once can cancel it in Safari.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
