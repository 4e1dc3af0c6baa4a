import type { WriterCoverage } from './incident-report-model';
import type { Provenance } from './report-params';

/**
 * What the report's events rest on: the shared folder's per-writer hash-chain heads at the time of
 * printing (a reader can check the chains still end there), or this machine's local journal.
 */
export function ProvenanceSection({ provenance, coverage, eventCount }: { provenance: Provenance; coverage?: readonly WriterCoverage[]; eventCount?: number }) {
  const byWriter = new Map((coverage ?? []).map((c) => [c.writerId, c]));
  const writers = provenance.kind === 'chain' ? [...new Set([...Object.keys(provenance.heads), ...byWriter.keys()])].sort() : [...byWriter.keys()];
  return (
    <section className="report-section report-keep report-provenance" aria-labelledby="r-provenance">
      <h2 id="r-provenance">Record integrity</h2>
      {provenance.kind === 'chain' ? (
        <p>
          Events from the shared folder store. The hash-chain heads below are each writer’s last event at the time of printing (SHA-256 of the event as stored, chained to the
          writer’s previous event); the events this report covers are part of these chains.
        </p>
      ) : (
        <p>
          Source: <strong>local journal</strong> — this machine’s own event journal (checksummed lines, no shared-folder hash chain)
          {provenance.supplied ? '.' : '; no hash-chain heads were supplied to this view.'}
        </p>
      )}
      {eventCount !== undefined && (
        <p className="report-note">
          This report covers {eventCount} event{eventCount === 1 ? '' : 's'} from {byWriter.size} writer{byWriter.size === 1 ? '' : 's'}.
        </p>
      )}
      {writers.length > 0 && (
        <table className="report-table report-heads">
          <thead>
            <tr>
              <th scope="col">Writer</th>
              {coverage && <th scope="col">Events here (seq)</th>}
              {provenance.kind === 'chain' && (
                <>
                  <th scope="col">Chain head seq</th>
                  <th scope="col">Unbroken to</th>
                  <th scope="col">Head hash (SHA-256)</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {writers.map((w) => {
              const c = byWriter.get(w);
              const head = provenance.kind === 'chain' ? provenance.heads[w] : undefined;
              return (
                <tr key={w}>
                  <td className="report-mono">{w}</td>
                  {coverage && <td>{c ? `${c.events} (${c.firstSeq}–${c.lastSeq})` : '—'}</td>}
                  {provenance.kind === 'chain' && (
                    <>
                      <td>{head ? head.seq : 'not in the store'}</td>
                      <td>
                        {head ? head.contiguousTo : '—'}
                        {head && head.gaps.length > 0 && (
                          <span className="report-meta">
                            gaps: {head.gaps.slice(0, 5).map((g) => (g.from === g.to ? `${g.from}` : `${g.from}–${g.to}`)).join(', ')}
                            {head.gaps.length > 5 ? ` and ${head.gaps.length - 5} more` : ''}
                          </span>
                        )}
                      </td>
                      <td className="report-mono report-hash">{head ? head.hash : '—'}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
