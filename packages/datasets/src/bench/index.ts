// `pnpm bench` entry of @fitcheck/datasets: prints figures, asserts nothing.
import { measureHiggsRead } from './measure-higgs-read.js';

const t = await measureHiggsRead();
process.stdout.write(
  `datasets: read whole HIGGS fixture (${t.rows} rows, sha256 + gunzip + parse): ` +
    `median ${t.medianMs.toFixed(1)} ms, min ${t.minMs.toFixed(1)} ms over ${t.runsMs.length} runs\n`,
);
