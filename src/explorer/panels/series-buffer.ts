/** A fixed-capacity trace (x, y) that drops its oldest points, for live charts. */
export class Trace {
  readonly x: number[] = [];
  readonly y: number[] = [];

  constructor(private readonly capacity: number) {}

  push(x: number, y: number): void {
    this.x.push(x);
    this.y.push(y);
    if (this.x.length > this.capacity) {
      this.x.shift();
      this.y.shift();
    }
  }

  clear(): void {
    this.x.length = 0;
    this.y.length = 0;
  }

  get last(): number {
    return this.y.length > 0 ? this.y[this.y.length - 1] : Number.NaN;
  }
}

/** Counts of values in equal bins over a fixed range (values outside are clamped to the end bins). */
export class LiveHistogram {
  readonly edges: number[];
  readonly counts: number[];
  total = 0;

  constructor(private readonly lo: number, private readonly hi: number, bins: number) {
    this.edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
    this.counts = new Array<number>(bins).fill(0);
  }

  add(value: number): void {
    const bins = this.counts.length;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((value - this.lo) / (this.hi - this.lo)) * bins)));
    this.counts[b] += 1;
    this.total += 1;
  }

  /** Probability density per bin (integrates to 1). */
  density(): number[] {
    const width = (this.hi - this.lo) / this.counts.length;
    return this.counts.map((c) => (this.total > 0 ? c / (this.total * width) : 0));
  }

  clear(): void {
    this.counts.fill(0);
    this.total = 0;
  }
}
