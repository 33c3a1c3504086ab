// File-system checks of `npm start`.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * True when every folder above `path` lets other users through (the execute bit for "others"). As
 * root, the embedded PostgreSQL runs as a created user "postgres", which cannot reach anything under
 * a private folder (mode 700, such as /root).
 */
export function reachableByOthers(path: string): boolean {
  for (let current = dirname(resolve(path)); ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}
