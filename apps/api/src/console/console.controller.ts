import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../http/auth.decorators.js';
import { HttpLayerException } from '../http/http-errors.js';

/**
 * Where `npm run build:console` (Vite) writes the compliance console: dist/console, beside
 * dist/apps. This file runs as dist/apps/api/src/console/console.controller.js.
 */
const CONSOLE_ROOT = resolve(fileURLToPath(new URL('../../../../console/', import.meta.url)));

/**
 * The console's scripts and styles are its own files only: no inline script or style, no other
 * origin. It talks to this API (same origin) with the key the officer typed in.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SEGMENT = /^[\w-][\w.-]*$/;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the compliance console (apps/console, built by Vite) at /console. The page itself needs
 * no key: every call it makes is an ordinary /v1 call with the officer's key.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  @Get()
  index(@Res() response: Response): Promise<void> {
    return this.send(response, ['index.html']);
  }

  @Get('*path')
  file(@Param('path') path: string | string[], @Res() response: Response): Promise<void> {
    return this.send(response, Array.isArray(path) ? path : path.split('/'));
  }

  private async send(response: Response, segments: string[]): Promise<void> {
    const file = await this.resolve(segments.filter((segment) => segment !== ''));
    response.setHeader('content-security-policy', CONSOLE_CSP);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('x-frame-options', 'DENY');
    response.setHeader('cross-origin-opener-policy', 'same-origin');
    // Vite names every asset by its content hash; the page must be read again after a deploy.
    response.setHeader('cache-control', segments[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-store');
    response.type(TYPES[extname(file)] ?? 'application/octet-stream');
    // An error once the answer has started (the client went away) has no one left to tell.
    await new Promise<void>((done, fail) => response.sendFile(file, { dotfiles: 'deny' }, (error) => (error && !response.headersSent ? fail(error) : done())));
  }

  /** A file under the console's folder, by safe path segments only; else 404. */
  private async resolve(segments: string[]): Promise<string> {
    const notFound = new HttpLayerException('NOT_FOUND', segments.length === 1 && segments[0] === 'index.html' ? 'The console is not built: run npm run build' : 'No such console file');
    if (segments.length === 0) segments = ['index.html'];
    if (segments.length > 4 || !segments.every((segment) => SEGMENT.test(segment))) throw notFound;
    const file = join(CONSOLE_ROOT, ...segments);
    if (!file.startsWith(CONSOLE_ROOT + sep)) throw notFound;
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) throw notFound;
    return file;
  }
}
