import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { BackendName } from '@fitcheck/core';
import type { LabDefinition, Profile } from '../lab/types.js';
import { GRADER_VERSION } from '../lab/version.js';
import { datasetChecksum } from './data-checksum.js';

/**
 * Everything a reference run's numbers depend on: the lab (its id, the model's layers, the
 * training setup), the profile (its name, epochs, patience, the dataset's rows and batch), the
 * seed, the backend, fitcheck's version and the data's checksum. Equal keys give equal runs
 * (training is seeded and deterministic on one backend), so a run is trained once per key.
 */
export interface ReferenceKey {
  format: 1;
  lab: string;
  model: string;
  layers: unknown;
  training: unknown;
  profile: string;
  maxEpochs: number;
  patience: number;
  dataset: { name: string; scale: unknown; checksum: string };
  seed: number;
  backend: BackendName;
  version: string;
}

export async function referenceKey(lab: LabDefinition, model: string, profileName: string, profile: Profile, seed: number, backend: BackendName): Promise<ReferenceKey> {
  const fixed = lab.models[model]!;
  const dataset = lab.datasets[fixed.dataset]!;
  return {
    format: 1,
    lab: lab.id,
    model,
    layers: fixed.layers,
    training: lab.training,
    profile: profileName,
    maxEpochs: profile.maxEpochs,
    patience: profile.patience,
    dataset: { name: fixed.dataset, scale: profile.datasets[fixed.dataset] ?? null, checksum: await datasetChecksum(dataset) },
    seed,
    backend,
    version: GRADER_VERSION,
  };
}

/** The key's address: sha256 of its canonical JSON (keys sorted, so field order never matters). */
export function keyHash(key: ReferenceKey): string {
  return sha256(stringify(key));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
