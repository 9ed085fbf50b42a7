/** Files in and out of the browser for 导出 Excel / 导入 Excel (the contract carries them as base64). */
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract/channels';
import { invoke } from '../api/client';

export function downloadBase64(base64: string, fileName: string, mimeType: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function fileToBase64(file: File): Promise<string> {
  const buffer = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A report exported (reports/export) and, where the host has no save dialog (the web host), downloaded
 * as its file; Electron has saved it already. The result says its name, or that the dialog was closed.
 */
export async function exportReportFile(input: ChannelInput<'reports/export'>): Promise<ChannelOutput<'reports/export'>> {
  const result = await invoke('reports/export', input);
  if (result.base64) downloadBase64(result.base64, result.fileName, result.mimeType);
  return result;
}
