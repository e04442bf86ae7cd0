/** Messages between the Ising panel and its Web Workers (structured-cloneable plain data). */

/** The model and algorithm of the live simulation, as chosen in the panel. */
export interface IsingParams {
  algorithm: string;
  temperature: number;
  field: number;
  size: number;
  lattice: 'square' | 'triangular';
  /** Ferromagnet J = −1, antiferromagnet J = +1 (E = Σ h s + Σ J s s). */
  coupling: 'ferromagnet' | 'antiferromagnet';
  sweepsPerFrame: number;
  seed: number;
}

/** Panel → live worker. `step` asks for the next frame (the panel asks again once it has drawn it). */
export type LiveRequest =
  | { type: 'reset'; params: IsingParams; generation: number }
  | { type: 'set'; params: IsingParams; generation: number }
  | { type: 'step' };

/** Live worker → panel: the lattice after `sweepsPerFrame` sweeps, with per-spin E and M. */
export interface LiveFrame {
  type: 'frame';
  /** The generation of the parameters this frame was computed with (stale frames are dropped). */
  generation: number;
  spins: Int8Array;
  columns: number;
  rows: number;
  /** E/N and M/N of this configuration. */
  energy: number;
  magnetization: number;
  /** Sweeps since the last reset, and the acceptance rate of this frame's sweeps. */
  sweeps: number;
  acceptance: number;
  /** Wall time of this frame's sweeps in the worker (ms). */
  sweepMs: number;
}

/** Any message a worker sends: a frame, or an error to show. */
export type WorkerMessage = LiveFrame | { type: 'error'; message: string } | SweepPoint | SweepCurves | { type: 'sweep-done' };

/** Panel → sweep worker: Monte Carlo estimates at these temperatures. */
export interface SweepRequest {
  type: 'sweep';
  params: IsingParams;
  temperatures: number[];
  sweeps: number;
  burnIn: number;
}

/** One temperature of a sweep: per-spin estimates with their error bars (one standard error). */
export interface SweepPoint {
  type: 'sweep-point';
  temperature: number;
  energy: number;
  energyError: number;
  absMagnetization: number;
  absMagnetizationError: number;
}

/** A curve of per-spin E and |M| against temperature. */
export interface Curve {
  name: string;
  temperature: number[];
  energy: number[];
  absMagnetization: number[];
}

/** The exact and mean-field curves of a sweep (exact only where an exact method applies). */
export interface SweepCurves {
  type: 'sweep-curves';
  curves: Curve[];
}
