import * as tf from '@tensorflow/tfjs-core';
import type { KernelEngine } from '../../backend/kernels/engine.js';
import { TRANS_A, TRANS_B } from '../../backend/kernels/gemm-wat.js';
import { allocateBuffer, heapOffset, releaseBuffer } from '../../backend/kernels/heap.js';
import type { HeapBuffer } from '../../backend/kernels/heap.js';
import type { StockUnary, StockUnaryBackend } from '../../backend/kernels/stock-unary.js';
import { tfjsEpsilon } from '../adam-with-schedule.js';
import type { FusedDense, FusedDropout, FusedPlan } from './fused-plan.js';
import { negAbs, sigmoidBce } from './sigmoid-bce.js';

const f = Math.fround;

/** One variable's Adam state: its weights, gradient and moments, each a heap buffer. */
interface Slot {
  variable: tf.Variable;
  w: HeapBuffer;
  g: HeapBuffer;
  m: HeapBuffer;
  v: HeapBuffer;
}

interface DenseRun {
  spec: FusedDense;
  kernel: Slot;
  bias: Slot;
  /** The layer's output for the batch (after its activation): B × units. */
  out: HeapBuffer;
  /** Where the batch's input to this layer was (set by the forward pass). */
  input: number;
}

interface DropoutRun {
  spec: FusedDropout;
  mask: HeapBuffer;
  out: HeapBuffer;
  state: number[];
}

type LayerRun = DenseRun | DropoutRun;

export interface FusedTrainData {
  /** The training samples [n, features] and labels [n, 1], already in the wasm heap. */
  x: tf.Tensor;
  y: tf.Tensor;
  n: number;
}

/**
 * Trains a Dense stack (fused-plan.ts) without TF.js' tape: one call per batch runs the forward pass,
 * the sigmoid cross-entropy, the backward pass and Adam on buffers in the wasm heap, through the
 * same kernels the tape's ops run on (fitcheck's GEMM, bias add and sum, ELU and its gradient, Adam,
 * dropout masks; the stock Exp and Log1p), in the same order of float32 operations — so the weights
 * and the logged sums are the tape's to the bit. Each epoch gathers its shuffled rows into the heap
 * once; the weights are read from the model's variables at an epoch's start and written back at its
 * end (validation, callbacks and checkpoints see the model as the tape leaves it). Adam's moments
 * live here, for the run.
 */
export class DenseStackTrainer {
  private readonly runs: LayerRun[] = [];
  private readonly slots: Slot[] = [];
  private readonly buffers: HeapBuffer[] = [];
  private epochX!: HeapBuffer;
  private epochY!: HeapBuffer;
  /** The epoch's order as int32, for the gather. */
  private order!: HeapBuffer;
  /** Two B × widest buffers the backward pass alternates between. */
  private grads!: [HeapBuffer, HeapBuffer];
  private negAbs!: HeapBuffer;
  private exp!: HeapBuffer;
  private log1p!: HeapBuffer;
  /** Adam's β₁ᵗ and β₂ᵗ as TF.js keeps them (float32 products). */
  private acc1: number;
  private acc2: number;
  private step = 0;

  constructor(
    private readonly plan: FusedPlan,
    private readonly data: FusedTrainData,
    private readonly batchSize: number,
    private readonly backend: StockUnaryBackend,
    private readonly engine: KernelEngine,
    private readonly unary: StockUnary,
    private readonly memory: WebAssembly.Memory,
  ) {
    const alloc = (length: number): HeapBuffer => {
      const buffer = allocateBuffer(backend, length);
      this.buffers.push(buffer);
      return buffer;
    };
    const slot = (variable: tf.Variable): Slot => {
      const s = { variable, w: alloc(variable.size), g: alloc(variable.size), m: alloc(variable.size), v: alloc(variable.size) };
      this.slots.push(s);
      return s;
    };
    try {
      this.allocate(alloc, slot);
    } catch (e) {
      this.dispose();
      throw e;
    }
    this.acc1 = f(plan.adam.beta1);
    this.acc2 = f(plan.adam.beta2);
    // Moments start at zero, as TF.js' zerosLike.
    const heap = this.heap();
    for (const s of this.slots) for (const x of [s.m, s.v]) heap.fill(0, x.at >> 2, (x.at >> 2) + x.length);
  }

  /** Every buffer of the run, once (freed in {@link dispose}, also when an allocation fails midway). */
  private allocate(alloc: (length: number) => HeapBuffer, slot: (variable: tf.Variable) => Slot): void {
    const { plan, data } = this;
    const b = this.batchSize;
    let widest = 1;
    for (const spec of plan.layers) {
      if (spec.kind === 'dense') {
        this.runs.push({ spec, kernel: slot(spec.kernel), bias: slot(spec.bias), out: alloc(b * spec.units), input: 0 });
        widest = Math.max(widest, spec.inputs, spec.units);
      } else {
        this.runs.push({ spec, mask: alloc(b * spec.width), out: alloc(b * spec.width), state: [] });
      }
    }
    this.grads = [alloc(b * widest), alloc(b * widest)];
    this.negAbs = alloc(b);
    this.exp = alloc(b);
    this.log1p = alloc(b);
    this.epochX = alloc(data.n * plan.features);
    this.epochY = alloc(data.n);
    this.order = alloc(data.n);
  }

  /** Optimizer steps taken (Keras' `optimizer.iterations`). */
  get steps(): number {
    return this.step;
  }

  /** Rows `order` of the training data, in that order, as one epoch; returns [Σ loss·B, Σ bce·B, Σ correct] as the tape's float32 sums. */
  epoch(order: Int32Array): [number, number, number] {
    this.load();
    this.gather(order);
    const sums: [number, number, number] = [0, 0, 0];
    for (let start = 0; start < this.data.n; start += this.batchSize) {
      const size = Math.min(this.batchSize, this.data.n - start);
      const { loss, bce, correct } = this.trainStep(start, size);
      sums[0] = f(sums[0] + f(loss * size));
      sums[1] = f(sums[1] + f(bce * size));
      sums[2] = f(sums[2] + correct);
    }
    this.store();
    return sums;
  }

  dispose(): void {
    for (const buffer of this.buffers.splice(0)) releaseBuffer(this.backend, buffer);
  }

  /** The whole heap as floats (a fresh view: any allocation may have grown the memory). */
  private heap(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }

  /** The model's current weights and dropout streams into the run (a callback may have changed them). */
  private load(): void {
    const heap = this.heap();
    for (const s of this.slots) {
      const from = heapOffset(this.backend, s.variable) >> 2;
      heap.copyWithin(s.w.at >> 2, from, from + s.w.length);
    }
    for (const run of this.runs) if ('state' in run) run.state = run.spec.layer.streamState();
  }

  /** The run's weights and dropout streams back into the model. */
  private store(): void {
    tf.tidy(() => {
      for (const s of this.slots) {
        // A view per copy: each new tensor may grow the heap, which detaches an unshared memory's views.
        s.variable.assign(tf.tensor(new Float32Array(this.memory.buffer, s.w.at, s.w.length).slice(), s.variable.shape));
      }
    });
    for (const run of this.runs) if ('state' in run) run.spec.layer.continueStream(run.state);
  }

  /** The epoch's rows, in order, into contiguous heap buffers: each batch is then a slice. */
  private gather(order: Int32Array): void {
    new Int32Array(this.memory.buffer, this.order.at, order.length).set(order);
    const { backend, engine } = this;
    engine.gatherRows(heapOffset(backend, this.data.x), this.order.at, this.epochX.at, order.length, this.plan.features * 4);
    engine.gatherRows(heapOffset(backend, this.data.y), this.order.at, this.epochY.at, order.length, 4);
  }

  /** One optimizer step on rows [start, start + size) of the epoch. */
  private trainStep(start: number, size: number): { loss: number; bce: number; correct: number } {
    const logits = this.forward(this.epochX.at + start * this.plan.features * 4, size, true);
    const { bce, correct } = this.loss(logits, this.epochY.at + start * 4, size);
    const penalty = this.penalty();
    this.backward(size, ...this.grads);
    this.adam();
    return { loss: penalty === null ? bce : f(bce + penalty), bce, correct };
  }

  /**
   * Whether {@link evaluate} reproduces `fit`'s validation for data of `shape`: the training data's
   * width (else the tape raises TF.js' shape error, as before), and every batch's row count a multiple
   * of 4 unless the plan takes any (the one-unit layer's product, as in training).
   */
  canEvaluate([rows, features, ...rest]: readonly number[]): boolean {
    return rows !== undefined && features === this.plan.features && rest.length === 0
      && (this.plan.anyRows || (rows % this.batchSize) % 4 === 0);
  }

  /**
   * `fit`'s validation sums in inference mode (no dropout), batch by batch: [Σ bce·B, Σ correct] as
   * its float32 sums, and the penalty of the current weights (null without one).
   */
  evaluate(x: tf.Tensor, y: tf.Tensor, n: number): { sums: [number, number]; penalty: number | null } {
    const [xAt, yAt] = [heapOffset(this.backend, x), heapOffset(this.backend, y)];
    const sums: [number, number] = [0, 0];
    for (let start = 0; start < n; start += this.batchSize) {
      const size = Math.min(this.batchSize, n - start);
      const { bce, correct } = this.loss(this.forward(xAt + start * this.plan.features * 4, size, false), yAt + start * 4, size);
      sums[0] = f(sums[0] + f(bce * size));
      sums[1] = f(sums[1] + correct);
    }
    return { sums, penalty: this.penalty() };
  }

  /** The layers on `size` rows at `input`; returns where the logits are. Dropout only while training. */
  private forward(input: number, size: number, training: boolean): number {
    const { engine } = this;
    for (const run of this.runs) {
      if ('kernel' in run) {
        const { inputs, units, elu } = run.spec;
        run.input = input;
        if (units === 1 && size % 4 !== 0) {
          // What the tape runs on XNNPACK (the GEMM takes a 1 × B row only for B a multiple of 4).
          engine.denseColumn(input, run.kernel.w.at, run.bias.w.at, run.out.at, size, inputs);
        } else {
          // The one-unit output layer: its 1 × B row as Wᵀ·Xᵀ, as matmul-kernel.ts plans it.
          if (units === 1) engine.multiply(run.kernel.w.at, input, run.out.at, 1, size, inputs, TRANS_B);
          else engine.multiply(input, run.kernel.w.at, run.out.at, size, units, inputs, 0);
          engine.addrow(run.out.at, run.bias.w.at, run.out.at, size, units);
        }
        if (elu) engine.elu(run.out.at, run.out.at, size * units);
        input = run.out.at;
      } else if (training) {
        run.state = engine.dropoutMask(run.mask.at, size * run.spec.width, run.state, run.spec.rate);
        engine.multiplyElements(input, run.mask.at, run.out.at, size * run.spec.width);
        input = run.out.at;
      }
    }
    return input;
  }

  /** The sigmoid cross-entropy of `size` logits against the labels at `labels`; dz into the first gradient buffer. */
  private loss(logits: number, labels: number, size: number): { bce: number; correct: number } {
    const view = (at: number): Float32Array => new Float32Array(this.memory.buffer, at, size);
    negAbs(view(logits), view(this.negAbs.at), size);
    this.unary.exp(this.negAbs.id, this.exp.id);
    this.unary.log1p(this.exp.id, this.log1p.id);
    return sigmoidBce(view(logits), view(labels), view(this.exp.at), view(this.log1p.at), view(this.grads[0].at), size);
  }

  /** Σ over the L2 layers of l2·Σw² (TF.js' L1L2 regularizer: square, scale, sum in order; added in layer order, as AddN), or null without any. */
  private penalty(): number | null {
    let total: number | null = null;
    for (const run of this.runs) {
      if ('kernel' in run && run.spec.l2 !== 0) {
        total = f((total ?? 0) + this.engine.l2Penalty(run.kernel.w.at, run.kernel.w.length, run.spec.l2));
      }
    }
    return total;
  }

  /** Gradients of every variable into its slot, from dz in `d`. */
  private backward(size: number, d0: HeapBuffer, spare0: HeapBuffer): void {
    const { engine } = this;
    let [d, spare] = [d0, spare0];
    const firstDense = this.runs.findIndex((r) => 'kernel' in r);
    for (let i = this.runs.length - 1; i >= firstDense; i--) {
      const run = this.runs[i]!;
      if ('kernel' in run) {
        const { inputs, units, elu, l2 } = run.spec;
        if (elu) engine.eluGrad(d.at, run.out.at, d.at, size * units);
        engine.colsum(d.at, run.bias.g.at, size, units);
        if (units === 1) engine.multiply(d.at, run.input, run.kernel.g.at, 1, inputs, size, 0);
        else engine.multiply(run.input, d.at, run.kernel.g.at, inputs, units, size, TRANS_A);
        if (l2 !== 0) engine.addL2Gradient(run.kernel.w.at, run.kernel.g.at, run.kernel.w.length, l2);
        if (i > firstDense) {
          engine.multiply(d.at, run.kernel.w.at, spare.at, size, inputs, units, TRANS_B);
          [d, spare] = [spare, d];
        }
      } else {
        engine.multiplyElements(d.at, run.mask.at, d.at, size * run.spec.width);
      }
    }
  }

  /** One Adam step of every variable, in place, with TF.js' float32 constants (AdamWithSchedule's). */
  private adam(): void {
    const { schedule, beta1, beta2, epsilon } = this.plan.adam;
    const constants = {
      beta1, beta2, d1: f(1 - this.acc1), d2: f(1 - this.acc2),
      epsilon: tfjsEpsilon(epsilon, beta2, this.step), learningRate: schedule(this.step),
    };
    for (const s of this.slots) {
      this.engine.adam({ w: s.w.at, g: s.g.at, m: s.m.at, v: s.v.at, w2: s.w.at, m2: s.m.at, v2: s.v.at }, s.w.length, constants);
    }
    this.acc1 = f(this.acc1 * f(beta1));
    this.acc2 = f(this.acc2 * f(beta2));
    this.step += 1;
  }
}
