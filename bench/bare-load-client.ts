/**
 * The bare load client, in a worker thread: `concurrency` closed loops POSTing one allocation
 * request, each on its own connection as `load` sends them, counting 200 answers in the window. No
 * schedule, no judging, no statistics: what the server can take from one Node process.
 */
import { request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

export interface BareClientJob {
  url: string;
  body: string;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
}

const job = workerData as BareClientJob;
const payload = Buffer.from(job.body, 'utf8');
const t0 = performance.now();
const windowStart = t0 + job.warmupMs;
const windowEnd = windowStart + job.measureMs;
let answered = 0;

function once(): Promise<number> {
  return new Promise((resolve) => {
    const req = request(job.url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(payload.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(payload);
  });
}

await Promise.all(
  Array.from({ length: job.concurrency }, async () => {
    while (performance.now() < windowEnd) {
      const status = await once();
      const now = performance.now();
      if (status === 200 && now >= windowStart && now <= windowEnd) answered += 1;
    }
  }),
);
parentPort?.postMessage(answered / (job.measureMs / 1000));
