/** Helpers for asserting on rendered figures: count marks in Vega's SVG, read a PNG's header. */

/** The number of `<path>`/`<line>` elements in every mark group of the given kind (e.g. 'symbol', 'rule', 'rect'). */
export function countMarks(svg: string, kind: string): number {
  let count = 0;
  const opener = new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>`, 'g');
  for (let match = opener.exec(svg); match; match = opener.exec(svg)) {
    const end = svg.indexOf('</g>', match.index);
    const body = svg.slice(match.index + match[0].length, end);
    count += (body.match(/<(path|line)\b/g) ?? []).length;
  }
  return count;
}

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (after checking the signature). */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  PNG_SIGNATURE.forEach((byte, i) => {
    if (png[i] !== byte) throw new Error(`not a PNG: byte ${i} is ${png[i]}`);
  });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The width and height attributes of an SVG document's root element. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg[^>]*>/.exec(svg)?.[0] ?? '';
  return { width: Number(/width="([\d.]+)"/.exec(root)?.[1]), height: Number(/height="([\d.]+)"/.exec(root)?.[1]) };
}

/** The texts that a document lacks (asserting on this keeps a failure message short). */
export function missingTexts(document: string, texts: string[]): string[] {
  return texts.filter((text) => !document.includes(text));
}
