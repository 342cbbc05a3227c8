// Dotted JSON paths as the Go side uses them: "entity.person.mobile",
// "websites.0.domains.1". Numeric segments index arrays.
export function getPath(obj: unknown, path: string): unknown {
  if (path === '') return obj
  let cur: unknown = obj
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[seg]
  }
  return cur
}

/** Sets value at path, creating missing objects (or arrays before a numeric segment). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('.')
  let cur: Record<string, unknown> = obj
  segs.slice(0, -1).forEach((seg, i) => {
    let next = cur[seg]
    if (next === null || typeof next !== 'object') {
      next = /^\d+$/.test(segs[i + 1]) ? [] : {}
      cur[seg] = next
    }
    cur = next as Record<string, unknown>
  })
  cur[segs[segs.length - 1]] = value
}

/** Whether field lies at or under path ("websites.0" covers "websites.0.name"). */
export function isUnder(field: string, path: string): boolean {
  return field === path || field.startsWith(path + '.')
}
