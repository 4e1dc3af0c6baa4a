import { ApiError } from '../../../../shared/contract/api';
import type { PendingEvent } from '../../../../shared/domain/commands';
import type { orgApi } from '../../../../shared/contract/org-api';
import { ORG_DOCUMENTS, type OrgDocumentName } from '../../../../shared/org/documents';
import { ORG_STREAM } from '../../../../shared/org/events';
import type { WorkspaceService } from '../workspace-service';
import type { HandlerContext, HandlerMap } from './handler';

/**
 * Records a publish of one organisation document as an event on the org stream (who and when
 * are its envelope's actor and time), proposing the version after the one it was edited from;
 * the contract has validated the document, so a bad one is refused before anything is written.
 */
async function publish(ws: WorkspaceService, name: OrgDocumentName, document: unknown, baseVersion: number | undefined, { actor }: HandlerContext) {
  const latest = ws.org.documents[name].version;
  const base = baseVersion ?? latest;
  if (base > latest) throw new ApiError({ code: 'invalid_input', message: `baseVersion: there is no ${name} version ${base} yet (the latest is ${latest})`, field: 'baseVersion' });
  // The contract validated `document` against this kind's schema; TypeScript cannot pair a kind's type with its payload here.
  const pending = { stream: ORG_STREAM, type: ORG_DOCUMENTS[name].type, data: { version: base + 1, document } } as PendingEvent;
  await ws.recordDecided([pending], actor, ws.now());
}

/** The directory, the update templates, the priority matrix and the lifecycle rules: read them, publish a new version. */
export function orgDocumentHandlers(ws: WorkspaceService): HandlerMap<keyof typeof orgApi> {
  return {
    'directory.get': () => ws.org.documents.directory,
    'directory.publish': async ({ directory, baseVersion }, ctx) => {
      await publish(ws, 'directory', directory, baseVersion, ctx);
      return ws.org.documents.directory;
    },
    'templates.get': () => ws.org.documents.templates,
    'templates.publish': async ({ templates, baseVersion }, ctx) => {
      await publish(ws, 'templates', templates, baseVersion, ctx);
      return ws.org.documents.templates;
    },
    'matrix.get': () => ws.org.documents.matrix,
    'matrix.publish': async ({ matrix, baseVersion }, ctx) => {
      await publish(ws, 'matrix', matrix, baseVersion, ctx);
      return ws.org.documents.matrix;
    },
    'lifecycle.get': () => ws.org.documents.lifecycle,
    'lifecycle.publish': async ({ lifecycle, baseVersion }, ctx) => {
      await publish(ws, 'lifecycle', lifecycle, baseVersion, ctx);
      return ws.org.documents.lifecycle;
    },
  };
}
