/**
 * Saves a blob through the browser's download: made on the page, so it works offline and needs nothing
 * from the machine side. The download has taken its copy once click() returns; the URL is freed after
 * this turn.
 */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
