import type { Profile } from '../lab/types.js';
import type { ModelLimits } from './protocol.js';

/** For a profile that names no limits: generous enough for the notebook's largest model. */
export const DEFAULT_LIMITS: ModelLimits = { seconds: 3600, memoryMb: 4096 };

/** One model's training budget under `profile`, with `override` (flags, tests) winning field by field. */
export function limitsOf(profile: Profile, override: Partial<ModelLimits> = {}): ModelLimits {
  return {
    seconds: override.seconds ?? profile.limits?.modelSeconds ?? DEFAULT_LIMITS.seconds,
    memoryMb: override.memoryMb ?? profile.limits?.modelMemoryMb ?? DEFAULT_LIMITS.memoryMb,
  };
}
