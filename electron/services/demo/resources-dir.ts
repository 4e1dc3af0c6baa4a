import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files of the demo workspace, relative to the resources directory. */
export const DEMO_FILES = {
  history: join('demo', 'github-status-history.json'),
  activeScenario: join('demo', 'active-incidents.json'),
} as const;

/**
 * The directory holding `demo/…`. A packaged Electron app passes `process.resourcesPath` (the
 * build copies the repo's `resources/demo` to `<resourcesPath>/demo`); in development, tests and
 * the browser host it is the repository's `resources/`, found by walking up from this module
 * (works from the sources and from a bundle in `out/`), else from the working directory.
 */
export function resolveResourcesDir(packagedResourcesPath?: string): string {
  if (packagedResourcesPath) return packagedResourcesPath;
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start;
    for (;;) {
      if (existsSync(join(dir, 'resources', DEMO_FILES.activeScenario))) return join(dir, 'resources');
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return join(process.cwd(), 'resources');
}
