import { WorkspaceService } from '../../electron/services/workspace/workspace-service';

/** A workspace on a real temp dir with a controllable clock and predictable ids. */
export async function openTestWorkspace(dataDir: string, start = Date.parse('2026-03-01T10:00:00Z')) {
  let now = start;
  let n = 0;
  const service = await WorkspaceService.open({
    dataDir,
    version: 'test',
    clock: { now: () => now },
    newId: () => `id-${String(++n).padStart(8, '0')}`,
  });
  return {
    service,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
