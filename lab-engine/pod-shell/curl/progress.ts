// curl's progress meter: shown on stderr when the body goes to a file or a non-terminal, unless -s.
//
// That is why `kubectl exec pod -- curl http://x` prints a meter (kubectl exec
// without -t gives curl a pipe) and why Istio's docs always write `curl -sS`.
// Columns follow lib/progress.c in curl 8.x: percentages in 3, sizes and speeds
// in 5 (max5data: 612, 597k, 12.3M), times in 8 (`--:--:--` when unknown).
// Assumption: only the final meter line is drawn (curl redraws it with "\r" as
// data arrives), and not in -v mode, where curl interleaves it with the trace.

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n'

/** curl's max5data: a byte count in at most five characters. */
export function max5(bytes: number): string {
  const K = 1024, M = K * K
  if (bytes < 100000) return String(bytes).padStart(5)
  if (bytes < 10000 * K) return `${String(Math.floor(bytes / K)).padStart(4)}k`
  if (bytes < 100 * M) return `${Math.floor(bytes / M)}.${Math.floor((bytes % M) / (M / 10))}M`.padStart(5)
  return `${String(Math.floor(bytes / M)).padStart(4)}M`
}

function clock(seconds: number): string {
  if (seconds < 1) return '--:--:--'
  const s = Math.floor(seconds)
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`.padStart(8)
}

/** The final meter line for a transfer of `received` bytes of `total` (0 when nothing arrived). */
export function meterLine(received: number, totalSeconds: number, uploaded = 0): string {
  const pct = received > 0 ? 100 : 0
  const upPct = uploaded > 0 ? 100 : 0
  const speed = received === 0 ? 0 : Math.round(received / Math.max(totalSeconds, 0.001))
  const upSpeed = uploaded === 0 ? 0 : Math.round(uploaded / Math.max(totalSeconds, 0.001))
  const spent = clock(totalSeconds)
  return `${String(pct).padStart(3)} ${max5(received)}  ${String(pct).padStart(3)} ${max5(received)}  ${String(upPct).padStart(3)} ${max5(uploaded)}  ` +
    `${max5(speed)}  ${max5(upSpeed)} ${spent} ${spent} --:--:-- ${max5(speed)}`
}
