// Download progress as people read it: a 0–100 value for the progress bar (null: unknown length),
// byte counts in kB/MB/GB, seconds left. Pure.
import type { ModelProgress } from '../../../shared/records';

export function progressPercent(p: ModelProgress): number | null {
  if (p.phase === 'done') return 100;
  if (p.fraction !== null) return Math.round(Math.min(1, Math.max(0, p.fraction)) * 100);
  if (p.totalBytes) return Math.round(Math.min(1, p.receivedBytes / p.totalBytes) * 100);
  return null;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${UNITS[unit]}`;
}

export function etaSeconds(p: ModelProgress): number | null {
  return p.etaSeconds === null || !Number.isFinite(p.etaSeconds) ? null : Math.max(1, Math.round(p.etaSeconds));
}
