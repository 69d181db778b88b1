import { buildModel, fit, loadModelSpec, initBackend } from './dist/index.js';
import { syntheticData } from '../../apps/grader/dist/bench/synthetic-data.js';
const info = await initBackend();
const spec = await loadModelSpec('../../fixtures/models/large.yaml');
const train = syntheticData(10000, [28], 1, -2, 2), validation = syntheticData(1000, [28], 2, -2, 2);
const net = buildModel(spec, { seed: 0 });
const ts = [];
for (let e=0;e<5;e++){ const t=performance.now(); await fit(net, { train, validation }, { spec, epochs: 1, batchSize: 500, seed: e, learningRate: 0.001 }); ts.push(performance.now()-t); }
ts.sort((a,b)=>a-b);
console.log(process.env.TFJS_POOL ?? '-', JSON.stringify(info.gemm), 'threads', info.threads, 'median', ts[2].toFixed(0), 'min', ts[0].toFixed(0));
