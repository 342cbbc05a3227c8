// The label of the form field a finding path points at, so a finding in the
// panel reads "网站 2 · 网站名称：…" rather than a bare message.
type T = (key: string, params?: Record<string, unknown>) => string
type Te = (key: string) => boolean

const personKeys: Record<string, string> = {
  'idValidity.start': 'validStart',
  'idValidity.end': 'validEnd',
  'idValidity.longTerm': 'longTerm',
}

export function fieldLabel(path: string, t: T, te: Te): string {
  const segs = path.split('.')
  const parts: string[] = []
  let rest = segs
  if (segs[0] === 'websites' && /^\d+$/.test(segs[1] ?? '')) {
    parts.push(t('fields.website.section', { n: Number(segs[1]) + 1 }))
    rest = segs.slice(2)
    if (rest[0] === 'person') {
      parts.push(t('fields.person.sectionWebsite'))
      const k = rest.slice(1).join('.')
      const key = personKeys[k] ?? rest[1]
      if (key && te(`fields.person.${key}`)) parts.push(t(`fields.person.${key}`))
    } else if (rest[0] && te(`fields.website.${rest[0]}`)) {
      parts.push(t(`fields.website.${rest[0]}`))
      if (rest[0] === 'domains' && rest[1] !== undefined) parts[parts.length - 1] += ` ${Number(rest[1]) + 1}`
    }
  } else if (segs[0] === 'entity') {
    if (segs[1] === 'person') {
      parts.push(t('fields.person.sectionEntity'))
      const k = segs.slice(2).join('.')
      const key = personKeys[k] ?? segs[2]
      if (key && te(`fields.person.${key}`)) parts.push(t(`fields.person.${key}`))
    } else if (segs[1] && te(`fields.entity.${segs[1]}`)) {
      parts.push(t(`fields.entity.${segs[1]}`))
    }
  } else if (segs[0] === 'answers' && segs[1] && te(`typeStep.q.${segs[1]}`)) {
    parts.push(t('steps.type'))
  } else if (segs[0] === 'type') {
    parts.push(t('steps.type'))
  }
  return parts.join(' · ')
}
