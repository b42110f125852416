// Moving customer files between the page and core over the contract: a chosen CSV sent in chunks (upload) and a
// file core wrote read back in chunks (download), base64 in both directions. Runs in Chromium.
// Chunks, not one message: every bridge message is capped (contract.ts maxMessageBytes), and a page in plain
// Chromium has no path to hand over — it only has the File the operator picked.
import type { AgentDeskApi } from '../../../electron/shared/ipc/api.js';
import type { Download } from '../../../electron/shared/ipc/customerFiles.js';
import { fail, type Result } from '../../../electron/shared/ipc/result.js';

/** Bytes → base64, a slice at a time (String.fromCharCode(...all) would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface UploadOptions {
  /** Called once the upload has an id (so a Cancel button can name it) and after every chunk. */
  onProgress(progress: { uploadId: string; sent: number; total: number }): void;
  /** Aborting stops after the chunk in flight and tells core to delete what it received. */
  signal: AbortSignal;
}

/** Sends `file` to core; the upload's id once every byte arrived, `cancelled` when the signal stopped it. */
export async function uploadFile(
  api: AgentDeskApi,
  file: File,
  options: UploadOptions,
): Promise<Result<{ uploadId: string }> | { ok: false; cancelled: true }> {
  if (file.size === 0) return fail('invalid_args', 'The file is empty');
  const begun = await api.commands['customers:importBegin']({ fileName: file.name || 'import.csv', bytes: file.size });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  options.onProgress({ uploadId, sent: 0, total: file.size });
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    if (options.signal.aborted) {
      await api.commands['customers:importCancel']({ uploadId });
      return { ok: false, cancelled: true };
    }
    const bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
    const sent = await api.commands['customers:importChunk']({ uploadId, offset, data: toBase64(bytes) });
    if (!sent.ok) {
      await api.commands['customers:importCancel']({ uploadId });
      return sent;
    }
    options.onProgress({ uploadId, sent: sent.value.received, total: file.size });
  }
  return { ok: true, value: { uploadId } };
}

/** Reads a download from core, chunk by chunk, into a Blob; core's copy is deleted afterwards. */
export async function downloadFile(
  api: AgentDeskApi,
  download: Download,
  onProgress: (received: number) => void,
): Promise<Result<Blob>> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const chunk = await api.commands['customers:downloadRead']({ downloadId: download.downloadId, offset });
    if (!chunk.ok) return chunk;
    const bytes = fromBase64(chunk.value.data);
    parts.push(bytes);
    offset += bytes.length;
    onProgress(offset);
    if (chunk.value.eof) break;
    if (bytes.length === 0) return fail('internal', 'The download stopped before its end');
  }
  return { ok: true, value: new Blob(parts, { type: download.contentType }) };
}

/** Hands a Blob to the browser's download (the operator's Downloads folder, or the browser asks where). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the time the click returns in Chromium; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Gets a download onto the operator's disk: Electron asks where with the system dialog (customers:downloadSave);
 * the browser reads the file over the bridge and downloads it. `false` when the operator cancelled the dialog.
 * `discard`: core deletes its copy afterwards (an export); an error report stays for a second download.
 */
export async function deliverDownload(
  api: AgentDeskApi,
  mode: 'electron' | 'host',
  download: Download,
  onProgress: (received: number) => void,
  options: { discard: boolean },
): Promise<Result<boolean>> {
  if (mode === 'electron') {
    const saved = await api.commands['customers:downloadSave']({ downloadId: download.downloadId });
    if (saved.ok) {
      if (options.discard) await api.commands['customers:downloadDiscard']({ downloadId: download.downloadId });
      return { ok: true, value: saved.value.saved };
    }
    if (saved.error.code !== 'unavailable') return saved;
    // A main process without the dialog wired falls through to the browser's download.
  }
  const blob = await downloadFile(api, download, onProgress);
  if (!blob.ok) return blob;
  saveBlob(blob.value, download.fileName);
  if (options.discard) await api.commands['customers:downloadDiscard']({ downloadId: download.downloadId });
  return { ok: true, value: true };
}
