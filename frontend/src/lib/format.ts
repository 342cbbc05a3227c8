// Timestamps shown the way clerks write them, whatever the system locale
// (WebKitGTK falls back to en-US and would show "01:47 PM").

const p = (x: number) => String(x).padStart(2, '0')

function toDate(at: string | Date): Date {
  return typeof at === 'string' ? new Date(at) : at
}

/** Local "YYYY-MM-DD HH:mm" for a timestamp. */
export function formatTime(at: string | Date): string {
  const d = toDate(at)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** Local "HH:mm" for a timestamp. */
export function formatClock(at: string | Date): string {
  const d = toDate(at)
  if (Number.isNaN(d.getTime())) return ''
  return `${p(d.getHours())}:${p(d.getMinutes())}`
}
