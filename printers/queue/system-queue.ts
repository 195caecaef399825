/**
 * Hands a PDF to the operating system's print queue, for document printers (A4 addendum, shift
 * report). Linux and macOS go through CUPS (`lp`, `lpstat`); Windows through PowerShell, with
 * SumatraPDF when it is installed (silent, no PDF viewer window), else the PDF handler's PrintTo verb.
 * Programs are spawned with argument arrays, never a shell, and a failure is an answer, never a throw.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const QUEUE_ERROR_CODES = ['no-such-printer', 'queue-unavailable', 'print-failed', 'timeout', 'bad-request'] as const;
export type QueueErrorCode = (typeof QUEUE_ERROR_CODES)[number];
export type QueueFailure = { ok: false; error: QueueErrorCode; message: string };
export type QueuePrintResult = { ok: true; bytes: number; /** CUPS request id, e.g. PDF-12; null on Windows. */ jobId: string | null } | QueueFailure;

export type SystemPrinter = { name: string; isDefault: boolean; state: 'idle' | 'printing' | 'disabled' | 'unknown' };
export type ListPrintersResult = { ok: true; printers: SystemPrinter[] } | QueueFailure;

export type QueueOptions = {
  platform?: NodeJS.Platform;
  timeoutMs?: number;
  /** Program paths, for tests and unusual installs. */
  lpPath?: string;
  lpstatPath?: string;
  powershellPath?: string;
  /** SumatraPDF.exe; by default looked for in the usual install folders. */
  sumatraPath?: string | null;
  /** Extra environment, e.g. CUPS_SERVER. */
  env?: NodeJS.ProcessEnv;
};

const DEFAULT_TIMEOUT_MS = 30_000;

const fail = (error: QueueErrorCode, message: string): QueueFailure => ({ ok: false, error, message });

/** A reason the name cannot be a printer name, or null. A leading '-' would read as an option. */
export function checkPrinterName(name: string): string | null {
  if (name.length === 0 || name.length > 127) return 'printer name must be 1–127 characters';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'printer name has control characters';
  if (name.startsWith('-')) return 'printer name must not start with "-"';
  return null;
}

/** The job title as the queue shows it: no control characters, at most 200 characters. */
export function cleanTitle(title: string): string {
  return title.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200) || 'Shekara';
}

/** `lp` arguments; the PDF comes on standard input, so no file name reaches the command line. */
export function lpArguments(printer: string, title: string): string[] {
  return ['-d', printer, '-t', cleanTitle(title)];
}

type RunResult = { code: number | null; stdout: string; stderr: string } | { spawnError: NodeJS.ErrnoException } | { timedOut: true };

function run(command: string, args: string[], { input, timeoutMs, env }: { input?: Uint8Array; timeoutMs: number; env: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve) => {
    // The C locale keeps CUPS's messages in English, which is what the error mapping reads.
    const child = spawn(command, args, { env: { ...process.env, LC_ALL: 'C', LANG: 'C', ...env }, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ timedOut: true });
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ spawnError: err });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a program that exits early closes the pipe; its exit code tells why
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

/** Failures every spawn shares: no such program, or it hung. */
function spawnFailure(r: RunResult, command: string, timeoutMs: number): QueueFailure | null {
  if ('timedOut' in r) return fail('timeout', `${command} did not finish in ${timeoutMs} ms`);
  if ('spawnError' in r) return fail('queue-unavailable', `cannot run ${command}: ${r.spawnError.code ?? r.spawnError.message}`);
  return null;
}

type Resolved = Required<Omit<QueueOptions, 'sumatraPath' | 'env'>> & { sumatraPath: string | null; env: NodeJS.ProcessEnv };

function withDefaults(options: QueueOptions): Resolved {
  return {
    platform: options.platform ?? process.platform,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    lpPath: options.lpPath ?? 'lp',
    lpstatPath: options.lpstatPath ?? 'lpstat',
    powershellPath: options.powershellPath ?? 'powershell.exe',
    sumatraPath: options.sumatraPath === undefined ? findSumatra() : options.sumatraPath,
    env: options.env ?? {},
  };
}

function findSumatra(): string | null {
  if (process.platform !== 'win32') return null;
  const candidates = [process.env.ProgramFiles, process.env['ProgramFiles(x86)'], process.env.LOCALAPPDATA].filter(Boolean).map((dir) => join(dir!, 'SumatraPDF', 'SumatraPDF.exe'));
  return candidates.find((p) => existsSync(p)) ?? null;
}

// ---------------------------------------------------------------- CUPS

/** Whether cupsd answers; `lpstat -r` exits 0 either way and says which. */
async function cupsRunning(o: Resolved): Promise<QueueFailure | null> {
  const r = await run(o.lpstatPath, ['-r'], o);
  const failed = spawnFailure(r, 'lpstat', o.timeoutMs);
  if (failed) return failed;
  const out = 'code' in r ? r.stdout + r.stderr : '';
  return /scheduler is running/i.test(out) ? null : fail('queue-unavailable', `the CUPS scheduler is not running (${out.trim() || 'no answer'})`);
}

/** `extra`: ['-o', 'raw'] sends the bytes (an ESC/POS job) past every CUPS filter. */
async function printCups(pdf: Uint8Array, printer: string, title: string, o: Resolved, extra: string[] = []): Promise<QueuePrintResult> {
  const r = await run(o.lpPath, [...lpArguments(printer, title), ...extra], { ...o, input: pdf });
  const failed = spawnFailure(r, 'lp', o.timeoutMs);
  if (failed || !('code' in r)) return failed ?? fail('print-failed', 'lp failed');
  if (r.code === 0) return { ok: true, bytes: pdf.length, jobId: /request id is (\S+)/.exec(r.stdout)?.[1] ?? null };
  const message = (r.stderr || r.stdout).trim();
  // lp says "does not exist" also when it cannot reach the scheduler; lpstat -r tells the two apart.
  if (/does not exist|unknown destination|no default destination/i.test(message)) return (await cupsRunning(o)) ?? fail('no-such-printer', `no printer "${printer}" in the print queue (${message})`);
  if (/unable to connect|scheduler is not running|connection refused/i.test(message)) return fail('queue-unavailable', message);
  return fail('print-failed', message || `lp exited with ${r.code}`);
}

async function listCups(o: Resolved): Promise<ListPrintersResult> {
  const down = await cupsRunning(o);
  if (down) return down;
  const [names, states, dflt] = await Promise.all([run(o.lpstatPath, ['-e'], o), run(o.lpstatPath, ['-p'], o), run(o.lpstatPath, ['-d'], o)]);
  const failed = spawnFailure(names, 'lpstat', o.timeoutMs);
  if (failed || !('code' in names)) return failed ?? fail('queue-unavailable', 'lpstat failed');
  const stateText = 'code' in states ? states.stdout : '';
  const defaultName = 'code' in dflt ? /system default destination: (\S+)/.exec(dflt.stdout)?.[1] : undefined;
  const printers = names.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((name): SystemPrinter => {
      const line = stateText.split('\n').find((l) => l.startsWith(`printer ${name} `)) ?? '';
      const state = /disabled/.test(line) ? 'disabled' : /is idle/.test(line) ? 'idle' : /now printing/.test(line) ? 'printing' : 'unknown';
      return { name, isDefault: name === defaultName, state };
    });
  return { ok: true, printers };
}

// ---------------------------------------------------------------- Windows (type-checked; not run in CI)

/**
 * Exit 3: no such printer; 4: the spooler is not running. Names and paths come in through the
 * environment, so nothing the user typed becomes PowerShell code.
 */
const WINDOWS_PRINT = [
  "$ErrorActionPreference = 'Stop'",
  "if ((Get-Service -Name Spooler).Status -ne 'Running') { exit 4 }",
  'if (-not (Get-Printer -Name $env:SHEKARA_PRINTER -ErrorAction SilentlyContinue)) { exit 3 }',
  'if ($env:SHEKARA_SUMATRA) { & $env:SHEKARA_SUMATRA -print-to $env:SHEKARA_PRINTER -silent $env:SHEKARA_PDF; exit $LASTEXITCODE }',
  "Start-Process -FilePath $env:SHEKARA_PDF -Verb PrintTo -ArgumentList ('\"' + $env:SHEKARA_PRINTER + '\"') -WindowStyle Hidden",
].join('\n');

const WINDOWS_LIST = [
  "$ErrorActionPreference = 'Stop'",
  "if ((Get-Service -Name Spooler).Status -ne 'Running') { exit 4 }",
  "Get-CimInstance Win32_Printer | ForEach-Object { \"$($_.Name)`t$($_.Default)`t$($_.WorkOffline)\" }",
].join('\n');

/**
 * Raw bytes to a Windows printer by name through the spooler (winspool's WritePrinter with the RAW
 * data type), the way thermal printers on USB are driven with a Generic / Text Only driver. The
 * bytes come from a file, the names through the environment. Exit 5: the spooler refused the job.
 */
const WINDOWS_RAW = [
  "$ErrorActionPreference = 'Stop'",
  "if ((Get-Service -Name Spooler).Status -ne 'Running') { exit 4 }",
  'if (-not (Get-Printer -Name $env:SHEKARA_PRINTER -ErrorAction SilentlyContinue)) { exit 3 }',
  'Add-Type -TypeDefinition @"',
  'using System; using System.Runtime.InteropServices;',
  'public static class ShekaraRaw {',
  '  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)] public class DocInfo { public string Name; public string Output; public string DataType; }',
  '  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern bool OpenPrinter(string name, out IntPtr h, IntPtr defaults);',
  '  [DllImport("winspool.drv", SetLastError = true)] static extern bool ClosePrinter(IntPtr h);',
  '  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern int StartDocPrinter(IntPtr h, int level, [In] DocInfo info);',
  '  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndDocPrinter(IntPtr h);',
  '  [DllImport("winspool.drv", SetLastError = true)] static extern bool StartPagePrinter(IntPtr h);',
  '  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndPagePrinter(IntPtr h);',
  '  [DllImport("winspool.drv", SetLastError = true)] static extern bool WritePrinter(IntPtr h, byte[] data, int count, out int written);',
  '  public static int Send(string printer, string title, byte[] data) {',
  '    IntPtr h; if (!OpenPrinter(printer, out h, IntPtr.Zero)) return 3;',
  '    try {',
  '      if (StartDocPrinter(h, 1, new DocInfo { Name = title, DataType = "RAW" }) == 0) return 5;',
  '      int written = 0; bool ok = StartPagePrinter(h) && WritePrinter(h, data, data.Length, out written) && EndPagePrinter(h);',
  '      EndDocPrinter(h); return ok && written == data.Length ? 0 : 5;',
  '    } finally { ClosePrinter(h); }',
  '  }',
  '}',
  '"@',
  'exit [ShekaraRaw]::Send($env:SHEKARA_PRINTER, $env:SHEKARA_TITLE, [System.IO.File]::ReadAllBytes($env:SHEKARA_RAW))',
].join('\n');

async function printWindowsRaw(bytes: Uint8Array, printer: string, title: string, o: Resolved): Promise<QueuePrintResult> {
  const dir = await mkdtemp(join(tmpdir(), 'shekara-raw-'));
  try {
    const file = join(dir, 'job.bin');
    await writeFile(file, bytes);
    const r = await powershell(o, WINDOWS_RAW, { SHEKARA_PRINTER: printer, SHEKARA_TITLE: cleanTitle(title), SHEKARA_RAW: file });
    const failed = spawnFailure(r, 'powershell', o.timeoutMs);
    if (failed || !('code' in r)) return failed ?? fail('print-failed', 'powershell failed');
    if (r.code === 0) return { ok: true, bytes: bytes.length, jobId: null };
    if (r.code === 3) return fail('no-such-printer', `no printer "${printer}" in Windows`);
    if (r.code === 4) return fail('queue-unavailable', 'the Windows print spooler is not running');
    return fail('print-failed', r.stderr.trim() || `the spooler refused the job (exit ${r.code})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const powershell = (o: Resolved, script: string, env: NodeJS.ProcessEnv) =>
  run(o.powershellPath, ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script], { timeoutMs: o.timeoutMs, env: { ...o.env, ...env } });

async function printWindows(pdf: Uint8Array, printer: string, title: string, o: Resolved): Promise<QueuePrintResult> {
  const dir = await mkdtemp(join(tmpdir(), 'shekara-print-'));
  const file = join(dir, `${cleanTitle(title).replace(/[^\p{L}\p{N} ._-]/gu, '_')}.pdf`);
  try {
    await writeFile(file, pdf);
    const r = await powershell(o, WINDOWS_PRINT, { SHEKARA_PRINTER: printer, SHEKARA_PDF: file, SHEKARA_SUMATRA: o.sumatraPath ?? '' });
    const failed = spawnFailure(r, 'powershell', o.timeoutMs);
    if (failed || !('code' in r)) return failed ?? fail('print-failed', 'powershell failed');
    if (r.code === 0) return { ok: true, bytes: pdf.length, jobId: null };
    if (r.code === 3) return fail('no-such-printer', `no printer "${printer}" in Windows`);
    if (r.code === 4) return fail('queue-unavailable', 'the Windows print spooler is not running');
    return fail('print-failed', r.stderr.trim() || `printing exited with ${r.code}`);
  } finally {
    // The PrintTo handler reads the file after Start-Process returns; give it a minute.
    setTimeout(() => void rm(dir, { recursive: true, force: true }), o.sumatraPath ? 0 : 60_000).unref();
  }
}

async function listWindows(o: Resolved): Promise<ListPrintersResult> {
  const r = await powershell(o, WINDOWS_LIST, {});
  const failed = spawnFailure(r, 'powershell', o.timeoutMs);
  if (failed || !('code' in r)) return failed ?? fail('queue-unavailable', 'powershell failed');
  if (r.code === 4) return fail('queue-unavailable', 'the Windows print spooler is not running');
  if (r.code !== 0) return fail('queue-unavailable', r.stderr.trim() || `Get-CimInstance exited with ${r.code}`);
  const printers = r.stdout
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line): SystemPrinter => {
      const [name = '', isDefault, offline] = line.split('\t');
      return { name, isDefault: isDefault === 'True', state: offline === 'True' ? 'disabled' : 'unknown' };
    });
  return { ok: true, printers };
}

// ---------------------------------------------------------------- entry points

export async function printPdf(pdf: Uint8Array, { printer, title }: { printer: string; title: string }, options: QueueOptions = {}): Promise<QueuePrintResult> {
  const bad = checkPrinterName(printer);
  if (bad) return fail('bad-request', bad);
  if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') return fail('bad-request', 'the document is not a PDF');
  const o = withDefaults(options);
  try {
    return o.platform === 'win32' ? await printWindows(pdf, printer, title, o) : await printCups(pdf, printer, title, o);
  } catch (err) {
    return fail('print-failed', err instanceof Error ? err.message : String(err));
  }
}

/** An ESC/POS job (or any printer language) to a system printer as is: CUPS `-o raw`, Windows RAW spooling. */
export async function printRaw(bytes: Uint8Array, { printer, title }: { printer: string; title: string }, options: QueueOptions = {}): Promise<QueuePrintResult> {
  const bad = checkPrinterName(printer);
  if (bad) return fail('bad-request', bad);
  if (bytes.length === 0) return fail('bad-request', 'the job is empty');
  const o = withDefaults(options);
  try {
    return o.platform === 'win32' ? await printWindowsRaw(bytes, printer, title, o) : await printCups(bytes, printer, title, o, ['-o', 'raw']);
  } catch (err) {
    return fail('print-failed', err instanceof Error ? err.message : String(err));
  }
}

export async function listPrinters(options: QueueOptions = {}): Promise<ListPrintersResult> {
  const o = withDefaults(options);
  try {
    return o.platform === 'win32' ? await listWindows(o) : await listCups(o);
  } catch (err) {
    return fail('queue-unavailable', err instanceof Error ? err.message : String(err));
  }
}
