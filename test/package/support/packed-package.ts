/**
 * The package as a user gets it: `npm pack` of the built repository, installed from the
 * tarball into a fresh folder by npm itself (so its `dependencies` must be right), with the
 * build tools (Vite, TypeScript, React, Vue and their plugins) linked in from this
 * repository's node_modules, where `npm ci` already put them.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../../..');

const run = promisify(execFile);

/**
 * The environment of a child npm or Node: this process's, without what `npm test` adds
 * (`npm_config_*`, `npm_package_*`), so the child behaves as in a user's shell.
 */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Runs `command` in `cwd`; a failure throws with its output, so the test says what broke. */
export async function sh(command: string, args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, env: userEnv(), maxBuffer: 32 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** What `npm pack --json` says of the tarball. */
export interface PackedTarball {
  path: string;
  files: string[];
  /** Bytes of the tarball. */
  size: number;
}

/** Packs the repository into `dir` (no build: `npm test` builds first). */
export async function pack(dir: string): Promise<PackedTarball> {
  const [packed] = JSON.parse(await sh('npm', ['pack', '--json', '--pack-destination', dir], ROOT)) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>;
  if (!packed) throw new Error('npm pack reported no tarball');
  return { path: join(dir, packed.filename), files: packed.files.map((file) => file.path), size: packed.size };
}

/** The build tools a fresh project would install; linked from this repository's node_modules. */
export const TOOLS = ['vite', 'typescript', 'react', 'react-dom', 'vue', '@vitejs/plugin-react', '@vitejs/plugin-vue', '@types/react', '@types/react-dom', '@types/node'];

/**
 * Makes `dir` an app that depends on the tarball, installs it with npm (from the npm cache
 * where it can, `--prefer-offline`), then links {@link TOOLS} in beside it.
 */
export async function installInto(dir: string, tarball: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, type: 'module', dependencies: { 'confab-chat': `file:${tarball}` } }, null, 2));
  await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir);
  for (const tool of TOOLS) {
    const link = join(dir, 'node_modules', tool);
    await mkdir(resolve(link, '..'), { recursive: true });
    await symlink(join(ROOT, 'node_modules', tool), link, 'dir');
  }
}

/** The version in this repository's package.json. */
export async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
