/**
 * Technicians' dry run: `node dist/printers/emulator.js [--port 9100] [--png-dir DIR] [--dots 576]`
 * (port 0 = any free port) prints `printer: tcp://127.0.0.1:PORT`, then the decoded text of every job
 * sent to it; with --png-dir it also draws each job to DIR/job-NNNN.png (--dots: paper width for jobs
 * that do not set one).
 */
import { parseArgs } from 'node:util';
import { startEscposEmulator } from './escpos-emulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    'png-dir': { type: 'string' },
    dots: { type: 'string', default: '576' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  process.stderr.write(`--port must be 0–65535, got ${values.port}\n`);
  process.exit(2);
}
const dots = Number(values.dots);
if (!Number.isInteger(dots) || dots < 64 || dots > 2048 || dots % 8 !== 0) {
  process.stderr.write(`--dots must be a multiple of 8 in 64–2048, got ${values.dots}\n`);
  process.exit(2);
}

const emulator = await startEscposEmulator({ port, host: values.host!, pngDir: values['png-dir'], defaultDots: dots });
console.log(`printer: ${emulator.target}`);
emulator.onJob((job) => {
  const pages = job.codePages.length ? ` code pages ESC t ${job.codePages.join(', ')}` : '';
  console.log(`--- job ${emulator.jobs.length}: ${job.bytes.length} bytes${pages}, ${job.cuts} cut(s) ---`);
  console.log(job.text);
  if (job.pngPath) console.log(`(drawn to ${job.pngPath})`);
  if (job.unknown.length) console.log(`(unknown commands: ${job.unknown.join(' ')})`);
});

const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
