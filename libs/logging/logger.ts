import { pino, stdTimeFunctions, type Logger } from 'pino';
import type { AppConfig } from '@rwa/config';
import { currentRequestContext } from './request-context.js';
import { redactDeep, redactText, REDACTED_PATHS } from './redaction.js';

/** Which program writes the lines (the `app` field of every line). */
export type LoggingApp = 'api' | 'worker' | 'setup';

const PINO_LEVELS = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' } as const;

/**
 * The pino options of every process: one JSON object per line on stdout (`npm start` turns them into
 * readable lines, an operator's collector parses them), ISO timestamps, level names, the current
 * job's bindings, and secrets redacted from objects and free text alike.
 */
export function loggerOptions(config: Pick<AppConfig, 'logLevel' | 'processName'>, app: LoggingApp): pino.LoggerOptions {
  return {
    level: PINO_LEVELS[config.logLevel],
    base: { app, process: config.processName, pid: process.pid },
    timestamp: stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactDeep(object) as Record<string, unknown>,
    },
    mixin: () => currentRequestContext()?.logBindings ?? {},
    redact: { paths: REDACTED_PATHS, censor: '***' },
    hooks: {
      // Free text (messages, interpolated values) is scrubbed too: an error message may quote a URL.
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? redactText(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
}

let root: Logger | undefined;

/** The process's one root logger (created on first use). */
export function rootLogger(config: Pick<AppConfig, 'logLevel' | 'processName'>, app: LoggingApp): Logger {
  root ??= pino(loggerOptions(config, app));
  return root;
}
