/**
 * One throughput measurement on its own, for profiling (`node --cpu-prof dist/bench/profile-throughput.js
 * https custom 50`): the server side runs in this process's main thread, the devices in a worker.
 */
import { measureBaseline, measureEmulator, type Allocation, type Transport } from './emulator-throughput.js';

const [transport = 'https', allocation = 'custom', devices = '50'] = process.argv.slice(2);
if ((transport !== 'https' && transport !== 'mqtt') || !['custom', 'static', 'bare'].includes(allocation)) {
  process.stderr.write('usage: profile-throughput.js https|mqtt custom|static|bare [devices]\n');
  process.exit(2);
}
const t: Transport = transport;
const figure = allocation === 'bare' ? await measureBaseline(t, Number(devices)) : await measureEmulator(t, allocation as Allocation, Number(devices));
process.stdout.write(`${JSON.stringify({ transport, allocation, devices: Number(devices), ...figure })}\n`);
