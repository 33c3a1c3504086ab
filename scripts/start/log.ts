// Console output of `npm start`: our own lines, and child output prefixed line by line ([api], [worker-1]...).
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
const palette = [36, 35, 33, 32, 34, 91, 96, 95];
const assigned = new Map<string, number>();

function paint(code: number, text: string): string {
  return useColor ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function colorFor(name: string): number {
  let code = assigned.get(name);
  if (code === undefined) {
    code = palette[assigned.size % palette.length];
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

/** Copies every line of `stream` to our stdout, prefixed with `[name]`. */
export function pipePrefixed(name: string, stream: Readable | null): void {
  if (stream === null) return;
  const prefix = paint(colorFor(name), `[${name}]`);
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    process.stdout.write(`${prefix} ${line}\n`);
  });
}
