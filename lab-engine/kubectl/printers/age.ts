// AGE rendering: apimachinery's duration.HumanDuration and printers' translateTimestampSince.
//
// Follows k8s.io/apimachinery/pkg/util/duration/duration.go (HumanDuration) and
// k8s.io/kubernetes/pkg/printers/internalversion/printers.go (translateTimestampSince).

const S = 1000
const M = 60 * S
const H = 60 * M
const DAY_HOURS = 24
const YEAR_HOURS = 24 * 365

/**
 * kubectl's short duration. Rules, in order:
 * < -1s "<invalid>"; < 0s "0s"; < 120s "Ns"; < 10m "NmSs" ("Nm" when S is 0);
 * < 3h "Nm"; < 8h "NhMm" ("Nh" when M is 0); < 48h "Nh"; < 8d "NdHh" ("Nd");
 * < 2y "Nd"; < 8y "NyDd" ("Ny"); else "Ny".
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / S)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.trunc(ms / M)
  if (minutes < 10) return withRest(minutes, 'm', seconds % 60, 's')
  if (minutes < 180) return `${minutes}m`
  const hours = Math.trunc(ms / H)
  if (hours < 8) return withRest(hours, 'h', minutes % 60, 'm')
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / DAY_HOURS)
  if (hours < DAY_HOURS * 8) return withRest(days, 'd', hours % DAY_HOURS, 'h')
  if (hours < YEAR_HOURS * 2) return `${days}d`
  const years = Math.trunc(hours / YEAR_HOURS)
  if (hours < YEAR_HOURS * 8) return withRest(years, 'y', days % 365, 'd')
  return `${years}y`
}

function withRest(n: number, unit: string, rest: number, restUnit: string): string {
  return rest === 0 ? `${n}${unit}` : `${n}${unit}${rest}${restUnit}`
}

/** The AGE cell: "<unknown>" when the timestamp is missing or unparseable. */
export function age(timestamp: string | undefined | null, now: number): string {
  if (!timestamp) return '<unknown>'
  const t = Date.parse(timestamp)
  if (Number.isNaN(t)) return '<unknown>'
  return humanDuration(now - t)
}
