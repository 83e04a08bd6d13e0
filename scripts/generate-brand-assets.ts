import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

// `npx tsx scripts/generate-brand-assets.ts`: the raster files in public/ from the two
// hand-written SVGs there (favicon.svg = the mark, logo.svg = mark + wordmark). The PNGs are
// committed; run this again only after changing an SVG. sharp (librsvg) comes with Next; text
// is set in the system's sans-serif (Liberation Sans / DejaVu Sans on Debian).

const PUBLIC = path.resolve(import.meta.dirname, "../public");
const mark = readFileSync(path.join(PUBLIC, "favicon.svg"));
const logo = readFileSync(path.join(PUBLIC, "logo.svg"));

const png = (svg: Buffer | string, width: number, height = width) =>
  sharp(Buffer.from(svg), { density: 72 * Math.ceil(width / 64) * 2 }).resize(width, height).png({ compressionLevel: 9 }).toBuffer();

/** A .ico holding PNG images (supported by every browser since IE Vista-era). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width (0 = 256)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt8(0, entry + 2); // palette size
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

// The Open Graph card (1200×630): the mark, the name and what it does, on the brand's dark ground.
const markPaths = mark.toString("utf8").replace(/^[\s\S]*?<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
const og = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <rect width="1200" height="630" fill="#0F172A"/>
  <rect y="598" width="1200" height="32" fill="#4F46E5"/>
  <g transform="translate(96 150) scale(2.5)">${markPaths}</g>
  <text x="96" y="420" font-family="'Liberation Sans', 'DejaVu Sans', Arial, sans-serif" font-size="104" font-weight="700" fill="#FFFFFF">Waypoint</text>
  <text x="100" y="490" font-family="'Liberation Sans', 'DejaVu Sans', Arial, sans-serif" font-size="40" fill="#CBD5E1">Real-time order tracking and signed partner webhooks</text>
</svg>`;

const outputs: [string, Buffer][] = [
  ["favicon.ico", ico([{ size: 16, data: await png(mark, 16) }, { size: 32, data: await png(mark, 32) }, { size: 48, data: await png(mark, 48) }])],
  ["apple-touch-icon.png", await png(mark, 180)],
  ["icon-512.png", await png(mark, 512)],
  // Emails: many mail clients do not show SVG, so they get the logo as PNG (2× for sharp screens).
  ["logo.png", await sharp(logo, { density: 144 }).resize(400, 96).png({ compressionLevel: 9 }).toBuffer()],
  ["og.png", await sharp(Buffer.from(og)).png({ compressionLevel: 9 }).toBuffer()],
];
for (const [name, data] of outputs) {
  writeFileSync(path.join(PUBLIC, name), data);
  console.log(`public/${name}: ${data.length} bytes`);
}
