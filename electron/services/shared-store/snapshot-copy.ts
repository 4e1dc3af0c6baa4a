import type { CheckpointWriter } from './checkpoint-format';
import { ChainScan } from './chain-scan';
import type { ShareIO } from './share-io';
import type { SnapshotFile } from './snapshot-files';
import { SnapshotSink } from './snapshot-sink';

/**
 * `chain`: what of the chain links does not match the checkpoint. 'unreadable': the share's file
 * (`error`, as thrown) or this PC's copy (`local`) could not be read or written.
 */
export type CopyOutcome =
  | { ok: true; sink: SnapshotSink; chain: string | undefined }
  | { ok: false; problem: 'damaged' | 'cancelled'; detail: string }
  | { ok: false; problem: 'unreadable'; detail: string; error?: unknown; local?: boolean };

/**
 * Copies a snapshot read through its checkpoint to this PC (`localCopyPath`, as a temp file the
 * caller keeps or discards through the sink), checking it on the way without parsing an event:
 * another thread hashes the body against the header's bodySha256 while this one checks every
 * writer's chain links as bytes against the checkpoint (ChainScan). `cancelled` stops it between
 * pieces (the store is closing).
 */
export async function copyAndVerify(io: ShareIO, file: SnapshotFile, writers: readonly CheckpointWriter[], localCopyPath: string, cancelled: () => boolean): Promise<CopyOutcome> {
  const scan = new ChainScan(writers);
  const sink = new SnapshotSink(localCopyPath);
  const fail = async (outcome: Exclude<CopyOutcome, { ok: true }>) => {
    await sink.discard();
    return outcome;
  };
  try {
    await io.readChunks(file.path, (chunk) => {
      if (cancelled()) throw new CopyCancelled();
      sink.push(chunk, scan.push(chunk));
    });
  } catch (err) {
    if (err instanceof CopyCancelled) return fail({ ok: false, problem: 'cancelled', detail: 'the store closed' });
    return fail({ ok: false, problem: 'unreadable', detail: String(err), error: err });
  }
  const checked = await sink.finish().catch((err: unknown) => new Error(String(err)));
  if (checked instanceof Error) return fail({ ok: false, problem: 'unreadable', detail: `could not check the checksum (${checked.message})` });
  if (checked.sha256 !== file.header.bodySha256) return fail({ ok: false, problem: 'damaged', detail: 'checksum mismatch' });
  if (checked.copyError) return fail({ ok: false, problem: 'unreadable', detail: `the local copy could not be written (${checked.copyError})`, local: true });
  return { ok: true, sink, chain: scan.end() };
}

class CopyCancelled extends Error {}
