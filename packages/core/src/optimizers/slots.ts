import * as tf from '@tensorflow/tfjs-core';

type Gradients = Parameters<tf.Optimizer['applyGradients']>[0];

/** `applyGradients`' argument as `[variable name, gradient]` pairs, whichever form TF.js passed. */
export function gradientEntries(grads: Gradients): [string, tf.Tensor | undefined][] {
  return Array.isArray(grads) ? grads.map((g) => [g.name, g.tensor]) : Object.entries(grads);
}

/** The model variable a gradient belongs to (TF.js' optimizers look it up the same way). */
export function variableNamed(name: string): tf.Variable {
  const value = tf.engine().registeredVariables[name];
  if (value === undefined) throw new Error(`optimizer: no variable named ${name}`);
  return value;
}

/**
 * An optimizer's per-variable state (Keras' "slots": momentums, velocities), zeros of the
 * variable's shape, created on the variable's first update and kept until `dispose`.
 */
export class Slots {
  private readonly slots = new Map<string, tf.Variable>();

  of(name: string, like: tf.Variable): tf.Variable {
    let slot = this.slots.get(name);
    if (slot === undefined) {
      // Unnamed: TF.js names it uniquely, so two optimizers over one model never collide.
      slot = tf.tidy(() => tf.zerosLike(like).variable(false));
      this.slots.set(name, slot);
    }
    return slot;
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
  }
}
