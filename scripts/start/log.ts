// Console output of `npm start`: our own lines, and child output line by line, prefixed with the
// child's name ([api], [worker-1]...). The platform's processes write JSON lines (pino); they are
// shown readable (pino-pretty) unless LOG_FORMAT=json, which passes them through unchanged for a
// machine to read (every line names its `app` and `process`).
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { prettyFactory } from 'pino-pretty';

const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const palette = [36, 35, 33, 32, 34, 91, 96, 95];
const assigned = new Map<string, number>();

/** `pretty` (default): readable lines; `json`: the processes' JSON lines as they are. */
export const logFormat: 'pretty' | 'json' = process.env.LOG_FORMAT === 'json' ? 'json' : 'pretty';
if (process.env.LOG_FORMAT !== undefined && process.env.LOG_FORMAT !== 'json' && process.env.LOG_FORMAT !== 'pretty') {
  process.stderr.write(`[start] WARNING: LOG_FORMAT must be pretty or json, not "${process.env.LOG_FORMAT}": using pretty\n`);
}

const pretty = prettyFactory({
  colorize: useColor,
  translateTime: 'SYS:HH:MM:ss.l',
  ignore: 'pid,hostname,app,process,context,req,res',
  messageKey: 'msg',
  messageFormat: '{if context}[{context}] {end}{msg}',
  singleLine: true,
  hideObject: false,
});

function paint(code: number, text: string): string {
  return useColor ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function colorFor(name: string): number {
  let code = assigned.get(name);
  if (code === undefined) {
    code = palette[assigned.size % palette.length]!;
    assigned.set(name, code);
  }
  return code;
}

export function info(message: string): void {
  process.stdout.write(`${paint(1, '[start]')} ${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`${paint(33, '[start] WARNING:')} ${message}\n`);
}

export function error(message: string): void {
  process.stderr.write(`${paint(31, '[start] ERROR:')} ${message}\n`);
}

export function bold(text: string): string {
  return paint(1, text);
}

/** One line of a child as we show it: JSON log lines made readable (or kept as they are), other text prefixed. */
export function formatChildLine(name: string, line: string): string {
  if (line.startsWith('{')) {
    if (logFormat === 'json') return `${line}\n`;
    try {
      const shown = pretty(JSON.parse(line) as Record<string, unknown>).replace(/\n$/, '');
      return `${paint(colorFor(name), `[${name}]`)} ${shown}\n`;
    } catch {
      // not JSON after all: shown as text below
    }
  }
  return `${paint(colorFor(name), `[${name}]`)} ${line}\n`;
}

/** Copies every line of `stream` to our stdout (formatChildLine); `onLine` sees each raw line first. */
export function pipeLines(name: string, stream: Readable | null, onLine?: (line: string) => boolean): void {
  if (stream === null) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (onLine?.(line) === true) return;
    process.stdout.write(formatChildLine(name, line));
  });
}
