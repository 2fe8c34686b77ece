/**
 * The PNG export: the core's A4 landscape pages (dashboard.pages, the PDF's
 * layout in the system's fonts) drawn onto one canvas, pages one under the
 * other, at twice the size for a sharp picture in slides and chat.
 */
const SCALE = 2;
const GAP = 24;

function loadSvg(svg: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('无法绘制导出页面，请重试或改为导出PDF。'));
    // A data: URL is allowed by both doors' CSP (img-src 'self' data:).
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  });
}

export async function pagesToPng(pages: string[]): Promise<Blob> {
  const images = await Promise.all(pages.map(loadSvg));
  const width = images[0]?.naturalWidth || 1123;
  const height = images.reduce((h, img) => h + (img.naturalHeight || 794), 0) + GAP * (images.length - 1);
  const canvas = document.createElement('canvas');
  canvas.width = width * SCALE;
  canvas.height = height * SCALE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持绘图，无法导出PNG，请改为导出PDF。');
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = '#D9D9D9';
  ctx.fillRect(0, 0, width, height);
  let y = 0;
  for (const img of images) {
    ctx.drawImage(img, 0, y, width, img.naturalHeight || 794);
    y += (img.naturalHeight || 794) + GAP;
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('生成PNG失败，请重试。'))), 'image/png'));
}
