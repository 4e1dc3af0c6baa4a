import type { importApi } from '../../../../shared/contract/import-api';
import { ImportService } from '../../importers/import-service';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerMap } from './handler';

export function importHandlers(ws: WorkspaceService): HandlerMap<keyof typeof importApi> {
  let service: ImportService | undefined;
  // Created on first use: the data directory is known only once the workspace has opened.
  const importer = () => (service ??= new ImportService(ws));
  return {
    'import.preview': (input) => importer().preview(input),
    'import.run': (input) => importer().run(input),
    'import.mappings': async ({ sourceKey }) => ({ mappings: await importer().mappings(sourceKey) }),
  };
}
