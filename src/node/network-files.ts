import { existsSync, readFileSync, statSync } from 'node:fs';
import { GibbsError } from '../core/errors.js';
import type { IsingModel } from '../models/ising.js';
import type { AutoregressiveCheckpoint, AutoregressiveTrainer, TrainStepInfo } from '../variational/autoregressive.js';
import type { MadeNetwork } from '../variational/made.js';
import { decodeCheckpoint, decodeNetwork, encodeCheckpoint, encodeNetwork } from '../variational/network-file.js';
import { writeFileAtomic } from './atomic-write.js';

function readText(path: string, what: string): string {
  if (!existsSync(path)) throw new GibbsError(`${what} ${path}: no such file`, what);
  if (statSync(path).isDirectory()) throw new GibbsError(`${what} ${path}: is a directory, expected a file`, what);
  return readFileSync(path, 'utf8');
}

/**
 * Save a trained network to a JSON file, atomically (never a half-written file).
 * @example saveNetwork('sk20.net.json', trainer.network, model, 1);
 */
export function saveNetwork(path: string, network: MadeNetwork, model: IsingModel, beta: number): void {
  writeFileAtomic(path, encodeNetwork(network, model, beta));
}

/**
 * Load a network file for `model` (same number of spins), with a one-line error when it does not fit.
 * @example const { network } = loadNetwork('sk20.net.json', model);
 */
export function loadNetwork(path: string, model: IsingModel): { network: MadeNetwork; beta?: number; sameModel: boolean } {
  return decodeNetwork(readText(path, 'network'), path, model);
}

/**
 * Save a training checkpoint atomically.
 * @example saveTrainingCheckpoint('run.ckpt.json', trainer.checkpoint(), model);
 */
export function saveTrainingCheckpoint(path: string, checkpoint: AutoregressiveCheckpoint, model: IsingModel): void {
  writeFileAtomic(path, encodeCheckpoint(checkpoint, model));
}

/**
 * Load a training checkpoint written for `model`.
 * @example const trainer = AutoregressiveTrainer.resume(model, loadTrainingCheckpoint('run.ckpt.json', model));
 */
export function loadTrainingCheckpoint(path: string, model: IsingModel): AutoregressiveCheckpoint {
  return decodeCheckpoint(readText(path, 'checkpoint'), path, model);
}

/** Options for {@link runTraining}. */
export interface TrainingRunOptions {
  /** Write a checkpoint here every `checkpointSeconds` and when training ends or is interrupted. */
  checkpoint?: string;
  checkpointSeconds?: number;
  /** Called after every step (e.g. to move a progress bar). */
  onStep?: (info: TrainStepInfo) => void;
}

/**
 * Drive a trainer to the end: steps run in slices of ~0.1 s between which the event loop turns,
 * so SIGINT/SIGTERM stop training cleanly (checkpoint written, false returned); checkpoints
 * are written atomically, so a run killed outright resumes from the last one.
 * Returns false if training was interrupted.
 */
export async function runTraining(trainer: AutoregressiveTrainer, options: TrainingRunOptions = {}): Promise<boolean> {
  let interrupted = false;
  const stop = () => {
    interrupted = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const every = (options.checkpointSeconds ?? 30) * 1000;
  let lastSave = Date.now();
  const save = () => {
    if (options.checkpoint) saveTrainingCheckpoint(options.checkpoint, trainer.checkpoint(), trainer.model);
    lastSave = Date.now();
  };
  try {
    while (!trainer.done && !interrupted) {
      const sliceEnd = Date.now() + 100;
      while (!trainer.done && Date.now() < sliceEnd) options.onStep?.(trainer.trainStep());
      if (options.checkpoint && Date.now() - lastSave >= every) save();
      await new Promise((resolve) => setImmediate(resolve));
    }
    save();
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
  return !interrupted;
}
