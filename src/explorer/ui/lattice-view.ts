import { el } from './dom.js';

/**
 * A spin lattice drawn one pixel per spin into a canvas and scaled up by CSS without smoothing
 * (image-rendering: pixelated), so a 512 x 512 lattice costs one putImageData per frame.
 */
export class LatticeView {
  readonly canvas: HTMLCanvasElement;
  private context: CanvasRenderingContext2D;
  private image: ImageData;
  private pixels: Uint32Array;
  private static readonly UP = 0xff442a1f; // #1f2a44 as little-endian ABGR
  private static readonly DOWN = 0xfff7f3f0; // #f0f3f7

  constructor(id: string, label: string, size = 512) {
    this.canvas = el('canvas', { id, role: 'img', 'aria-label': label, class: 'lattice' });
    this.canvas.style.width = `${size}px`;
    this.canvas.style.height = `${size}px`;
    this.context = this.canvas.getContext('2d') as CanvasRenderingContext2D;
    this.image = this.context.createImageData(1, 1);
    this.pixels = new Uint32Array(this.image.data.buffer);
  }

  /** Draw spins (row-major, `columns` x `rows`, +1 dark, −1 light). */
  draw(spins: Int8Array, columns: number, rows: number): void {
    if (this.canvas.width !== columns || this.canvas.height !== rows) {
      this.canvas.width = columns;
      this.canvas.height = rows;
      this.image = this.context.createImageData(columns, rows);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    const { pixels } = this;
    for (let i = 0; i < spins.length; i++) pixels[i] = spins[i] > 0 ? LatticeView.UP : LatticeView.DOWN;
    this.context.putImageData(this.image, 0, 0);
  }
}
