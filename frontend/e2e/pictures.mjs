// Good pictures for each kind of upload slot, drawn in the page's canvas, so
// an e2e run can fill an application with photos that pass their checks:
// a card on a dark desk, a sealed A4 page on a desk, a person before the
// blue backdrop, and the website person holding the card.

/** The slot kind of a storage key ("websites.w1.backdrop" → "backdrop"). */
export function slotName(key) {
  return key.split('.').pop()
}

/** JPEG bytes of a picture that fits the slot. */
export async function slotPictureJpeg(page, key, seed) {
  const slot = slotName(key)
  const kind = ['backdrop'].includes(slot)
    ? 'backdrop'
    : slot === 'handheld_id'
      ? 'handheld'
      : ['entity_cert', 'checklist_scan', 'auth_letter', 'domain_cert', 'commitment_letter', 'gd_commitment'].includes(slot)
        ? 'page'
        : 'card'
  const b64 = await page.evaluate(
    ([kind, seed]) => {
      const c = document.createElement('canvas')
      const g = c.getContext('2d')
      const card = (x, y, w, h) => {
        g.fillStyle = '#e6ecf2'
        g.fillRect(x, y, w, h)
        g.fillStyle = '#1f2a44'
        g.font = `bold ${Math.round(h / 14)}px sans-serif`
        for (let i = 0; i < 5; i++) g.fillText(`姓名 ${seed} 住址 北京 ${i + 1}`, x + w * 0.07, y + h * (0.18 + i * 0.15))
        g.fillStyle = '#d5e0ec'
        g.fillRect(x + w * 0.66, y + h * 0.16, w * 0.26, h * 0.66)
      }
      const person = (cx, cy, fh) => {
        const fw = fh * 0.72
        g.fillStyle = '#2d2d3c' // shirt and shoulders
        g.beginPath()
        g.moveTo(cx - fw * 0.9, cy + fh * 0.75)
        g.lineTo(cx + fw * 0.9, cy + fh * 0.75)
        g.lineTo(cx + fw * 1.9, c.height)
        g.lineTo(cx - fw * 1.9, c.height)
        g.fill()
        g.fillStyle = '#dcaa87'
        g.fillRect(cx - fw * 0.22, cy + fh * 0.3, fw * 0.44, fh * 0.5) // neck
        g.fillStyle = '#191412'
        g.beginPath()
        g.ellipse(cx, cy - fh * 0.18, fw * 0.55, fh * 0.45, 0, 0, 2 * Math.PI) // hair
        g.fill()
        g.fillStyle = '#dcaa87'
        g.beginPath()
        g.ellipse(cx, cy, fw / 2, fh / 2, 0, 0, 2 * Math.PI) // face
        g.fill()
        g.fillStyle = '#231919'
        for (const s of [-1, 1]) {
          g.beginPath()
          g.ellipse(cx + s * fw * 0.18, cy - fh * 0.08, fw * 0.08, fh * 0.035, 0, 0, 2 * Math.PI)
          g.fill()
          g.fillRect(cx + s * fw * 0.18 - fw * 0.1, cy - fh * 0.17, fw * 0.2, fh * 0.02)
        }
        g.fillStyle = '#8c3237'
        g.beginPath()
        g.ellipse(cx, cy + fh * 0.25, fw * 0.16, fh * 0.035, 0, 0, 2 * Math.PI)
        g.fill()
      }
      if (kind === 'card') {
        c.width = 1800
        c.height = 1350
        g.fillStyle = '#26282c'
        g.fillRect(0, 0, c.width, c.height)
        card(330, 340, 1140, 720)
      } else if (kind === 'page') {
        // a 12-megapixel phone keeps a page of about 1900 px: draw at that size
        c.width = 1800
        c.height = 2400
        g.fillStyle = '#5a4332'
        g.fillRect(0, 0, c.width, c.height)
        const [x, y, w, h] = [230, 190, 1350, 1910]
        g.fillStyle = '#f6f5f1'
        g.fillRect(x, y, w, h)
        g.fillStyle = '#19191e'
        g.font = 'bold 58px sans-serif'
        g.fillText('网站备案信息真实性核验单', x + w * 0.22, y + h * 0.07)
        g.font = '35px sans-serif'
        for (let i = 0; i < 22; i++) g.fillText(`第 ${i + 1} 项  北京云帆科技有限公司  资料 ${seed}`, x + w * 0.1, y + h * (0.15 + i * 0.032))
        g.strokeStyle = '#cd2328'
        g.lineWidth = 9
        g.beginPath()
        g.arc(x + w * 0.72, y + h * 0.88, w * 0.09, 0, 2 * Math.PI) // the red seal
        g.stroke()
      } else {
        c.width = 1200
        c.height = 1600
        g.fillStyle = kind === 'backdrop' ? '#1e5aaa' : '#ececE8'
        g.fillRect(0, 0, c.width, c.height)
        if (kind === 'backdrop') {
          g.fillStyle = '#ebebf0' // the backdrop's lettering
          g.font = 'bold 40px sans-serif'
          for (let i = 0; i < 3; i++) g.fillText('腾讯云 网站备案专用幕布', 60, 110 + i * 80)
        }
        person(600, 560, 350)
        if (kind === 'handheld') card(360, 1180, 480, 302)
      }
      // a little sensor noise, as every camera adds
      const d = g.getImageData(0, 0, c.width, c.height)
      let r = seed * 7919 + 1
      for (let i = 0; i < d.data.length; i += 4) {
        r = (r * 1103515245 + 12345) & 0x7fffffff
        const n = (r % 9) - 4
        d.data[i] += n
        d.data[i + 1] += n
        d.data[i + 2] += n
      }
      g.putImageData(d, 0, 0)
      return c.toDataURL('image/jpeg', 0.92).split(',')[1]
    },
    [kind, seed],
  )
  return Buffer.from(b64, 'base64')
}
