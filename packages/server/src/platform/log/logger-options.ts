import type { PinoLoggerOptions } from 'fastify/types/logger.js';

/**
 * A browser that leaves a page while a file is still arriving closes the connection under the response: the
 * compression stream (@fastify/compress pipes with `pump`) ends with "premature close" and the plugin logs it at
 * error level with a stack, for every abandoned asset (two walk-throughs found them among real faults). It is the
 * client's doing, not a fault of ours: such an error is logged at debug instead. Every other error stays an error.
 */
export function isClientGoneError(value: unknown): boolean {
  const err = value instanceof Error ? value : value && typeof value === 'object' && 'err' in value ? (value as { err: unknown }).err : null;
  if (!(err instanceof Error)) return false;
  return (err as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE' || err.message === 'premature close';
}

const errorLevel = 50;

/** The server's logger options (pino, through fastify): the level, and a client going away not logged as an error. */
export function serverLoggerOptions(level: string): PinoLoggerOptions {
  return {
    level,
    hooks: {
      logMethod(args, method, levelValue) {
        if (levelValue >= errorLevel && isClientGoneError(args[0])) {
          this.debug(...(args as [object, string?]));
          return;
        }
        method.apply(this, args);
      },
    },
  };
}
