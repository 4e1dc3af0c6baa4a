import { useCallback, useEffect, useState } from 'react';
import { ALERT_FORMATS, ALERT_SEVERITIES, type AlertSeverity } from '../../../../shared/alerts/model';
import type { AlertRules } from '../../../../shared/alerts/triage';
import { ApiError } from '../../../../shared/contract/api';
import type { AlertSettingsView, AlertSourceInput, AlertSourceView, ReceiverSettings, ReceiverStatus, SourceAuth } from '../../../../shared/contract/alerts-api';
import { IMPACT_LABELS, priorityFor, URGENCY_LABELS, type Level } from '../../../../shared/domain/priority';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { useReadOnly } from '../console/hooks';
import { aliasesToText, FORMAT_LABELS, listToText, SEVERITY_LABELS, textToAliases, textToList } from './inbox-model';

const LEVELS: Level[] = [1, 2, 3];
const AUTH_LABELS: Record<SourceAuth, string> = { bearer: 'Bearer token', hmac: 'HMAC-SHA256 signature', 'routing-key': 'PagerDuty routing key' };

/** A source being edited: list fields as text until saved. */
interface SourceDraft {
  isNew: boolean;
  id: string;
  name: string;
  format: AlertSourceView['format'];
  enabled: boolean;
  auth: SourceAuth;
  signatureHeader: string;
  secret: string;
  secretHint: string;
  perSecond: number;
  burst: number;
  watchFolder: string;
  mapping: AlertRules['mapping'];
  autoCreate: AlertSeverity[];
  aliases: string;
  serviceLabels: string;
  category: string;
  tags: string;
  exercise: boolean;
}

function draftOf(s: AlertSourceView): SourceDraft {
  return {
    isNew: false,
    id: s.id,
    name: s.name,
    format: s.format,
    enabled: s.enabled,
    auth: s.auth,
    signatureHeader: s.signatureHeader,
    secret: '',
    secretHint: s.secretSet ? s.secretHint : '',
    perSecond: s.rateLimit.perSecond,
    burst: s.rateLimit.burst,
    watchFolder: s.watchFolder,
    mapping: s.mapping,
    autoCreate: s.autoCreate,
    aliases: aliasesToText(s.severityAliases),
    serviceLabels: listToText(s.serviceLabels),
    category: s.category,
    tags: listToText(s.tags),
    exercise: s.exercise,
  };
}

function newDraft(defaults: AlertRules, n: number): SourceDraft {
  return {
    ...draftOf({ ...defaults, id: '', name: '', format: 'auto', enabled: true, auth: 'bearer', signatureHeader: 'x-watchfloor-signature', rateLimit: { perSecond: 20, burst: 100 }, watchFolder: '', secretSet: false, secretHint: '', path: '' }),
    isNew: true,
    id: `source-${n}`,
  };
}

function inputOf(d: SourceDraft): { input?: AlertSourceInput; error?: string } {
  const aliases = textToAliases(d.aliases);
  if (aliases.error) return { error: `${d.id}: severity words ${aliases.error}` };
  return {
    input: {
      id: d.id.trim(),
      name: d.name,
      format: d.format,
      enabled: d.enabled,
      auth: d.auth,
      signatureHeader: d.signatureHeader,
      rateLimit: { perSecond: d.perSecond, burst: d.burst },
      watchFolder: d.watchFolder,
      mapping: d.mapping,
      autoCreate: d.autoCreate,
      severityAliases: aliases.aliases,
      serviceLabels: textToList(d.serviceLabels),
      category: d.category,
      tags: textToList(d.tags),
      exercise: d.exercise,
      ...(d.secret ? { secret: d.secret } : {}),
    },
  };
}

/** Receiver on/off and binding, dedup window, and every source with its secret, mapping and auto-create rules. */
export function IntakeSettingsView() {
  const client = useApi();
  const readOnly = useReadOnly();
  const matrix = useWorkspace((s) => s.info?.matrix);
  const [view, setView] = useState<AlertSettingsView>();
  const [status, setStatus] = useState<ReceiverStatus>();
  const [receiver, setReceiver] = useState<ReceiverSettings>();
  const [dedup, setDedup] = useState(15);
  const [sources, setSources] = useState<SourceDraft[]>([]);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const adopt = useCallback((v: AlertSettingsView) => {
    setView(v);
    setReceiver(v.receiver);
    setDedup(v.dedupWindowMinutes);
    setSources(v.sources.map(draftOf));
  }, []);
  const refreshStatus = useCallback(() => {
    client.call('alerts.receiverStatus', {}).then(setStatus, () => undefined);
  }, [client]);
  useEffect(() => {
    client.call('alerts.settings', {}).then(adopt, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    refreshStatus();
  }, [client, adopt, refreshStatus]);

  if (!view || !receiver) return <p className="console-hint">{error ?? 'Loading the intake settings…'}</p>;

  const update = (i: number, patch: Partial<SourceDraft>) => setSources(sources.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const save = async () => {
    setError(undefined);
    setNotice(undefined);
    const inputs: AlertSourceInput[] = [];
    for (const d of sources) {
      const r = inputOf(d);
      if (r.error) return setError(r.error);
      inputs.push(r.input!);
    }
    setBusy(true);
    try {
      const r = await client.call('alerts.updateSettings', { dedupWindowMinutes: dedup, receiver, sources: inputs });
      adopt(r.settings);
      setSecrets((s) => ({ ...s, ...r.generatedSecrets }));
      setNotice('Saved');
      refreshStatus();
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const rotate = async (id: string) => {
    try {
      const r = await client.call('alerts.rotateSecret', { source: id });
      setSecrets((s) => ({ ...s, [id]: r.secret }));
      const v = await client.call('alerts.settings', {});
      setView(v);
      setSources((list) => list.map((d) => (d.id === id ? { ...d, secretHint: v.sources.find((x) => x.id === id)?.secretHint ?? d.secretHint } : d)));
    } catch (err) {
      setError(err instanceof ApiError ? err.body.message : String(err));
    }
  };
  const urlOf = (id: string) => status?.sources.find((s) => s.id === id)?.url ?? null;

  return (
    <form
      className="inbox-settings"
      aria-label="Intake settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="inbox-card" disabled={readOnly}>
        <legend className="inbox-card-title">Receiver (this machine)</legend>
        <p className="console-hint" data-testid="receiver-status">
          {status?.listening ? `Listening at ${status.baseUrl}` : status?.error ? `Not listening: ${status.error}` : 'Off'}
        </p>
        <div className="console-form-row">
          <label className="console-check">
            <input type="checkbox" checked={receiver.enabled} onChange={(e) => setReceiver({ ...receiver, enabled: e.target.checked })} /> Receive alerts over HTTP
          </label>
          <label className="console-field">
            <span className="console-label">Bind address</span>
            <input className="console-input" list="inbox-interfaces" value={receiver.bindAddress} onChange={(e) => setReceiver({ ...receiver, bindAddress: e.target.value })} />
            <datalist id="inbox-interfaces">
              <option value="127.0.0.1">this machine only</option>
              <option value="0.0.0.0">every interface</option>
              {status?.interfaces.map((i) => (
                <option key={`${i.name}-${i.address}`} value={i.address}>
                  {i.name}
                </option>
              ))}
            </datalist>
          </label>
          <label className="console-field">
            <span className="console-label">Port</span>
            <input className="console-input" type="number" min={0} max={65535} value={receiver.port} onChange={(e) => setReceiver({ ...receiver, port: Number(e.target.value) })} />
          </label>
          <label className="console-field">
            <span className="console-label">Body limit (KB)</span>
            <input className="console-input" type="number" min={1} max={16384} value={Math.round(receiver.maxBodyBytes / 1024)} onChange={(e) => setReceiver({ ...receiver, maxBodyBytes: Math.max(1, Number(e.target.value)) * 1024 })} />
          </label>
          <label className="console-field">
            <span className="console-label">Dedup window (min)</span>
            <input className="console-input" type="number" min={0} max={1440} value={dedup} onChange={(e) => setDedup(Number(e.target.value))} />
          </label>
        </div>
        {receiver.bindAddress !== '127.0.0.1' && receiver.bindAddress !== 'localhost' && (
          <p className="console-hint">Reachable from the network: every source needs its secret; the receiver speaks plain HTTP, so put TLS in front of it across untrusted networks.</p>
        )}
        <p className="console-hint">Rules are kept per machine ({view.storage.file}): configure them alike on each PC that receives alerts.</p>
      </fieldset>

      {sources.map((s, i) => {
        const url = urlOf(s.id);
        return (
          <fieldset key={i} className="inbox-card inbox-source" disabled={readOnly} aria-label={`Source ${s.id}`}>
            <legend className="inbox-card-title">Source {s.id || '(new)'}</legend>
            <p className="console-hint">
              {url ? (
                <>
                  URL: <code className="inbox-mono">{url}</code>
                </>
              ) : (
                `Path: /alerts/${s.id}`
              )}
            </p>
            <div className="console-form-row">
              <label className="console-field">
                <span className="console-label">Id</span>
                <input className="console-input" value={s.id} readOnly={!s.isNew} onChange={(e) => update(i, { id: e.target.value })} />
              </label>
              <label className="console-field">
                <span className="console-label">Name</span>
                <input className="console-input" value={s.name} onChange={(e) => update(i, { name: e.target.value })} />
              </label>
              <label className="console-field">
                <span className="console-label">Format</span>
                <select className="console-select" value={s.format} onChange={(e) => update(i, { format: e.target.value as SourceDraft['format'] })}>
                  <option value="auto">Detect from content</option>
                  {ALERT_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {FORMAT_LABELS[f]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="console-check">
                <input type="checkbox" checked={s.enabled} onChange={(e) => update(i, { enabled: e.target.checked })} /> Enabled
              </label>
            </div>
            <div className="console-form-row">
              <label className="console-field">
                <span className="console-label">Authentication</span>
                <select className="console-select" value={s.auth} onChange={(e) => update(i, { auth: e.target.value as SourceAuth })}>
                  {(Object.keys(AUTH_LABELS) as SourceAuth[]).map((a) => (
                    <option key={a} value={a}>
                      {AUTH_LABELS[a]}
                    </option>
                  ))}
                </select>
              </label>
              {s.auth === 'hmac' && (
                <label className="console-field">
                  <span className="console-label">Signature header</span>
                  <input className="console-input" value={s.signatureHeader} onChange={(e) => update(i, { signatureHeader: e.target.value })} />
                </label>
              )}
              <label className="console-field">
                <span className="console-label">New secret {s.secretHint && `(current ${s.secretHint})`}</span>
                <input className="console-input" type="password" autoComplete="new-password" value={s.secret} placeholder={s.isNew ? 'leave empty to generate one' : 'leave empty to keep'} onChange={(e) => update(i, { secret: e.target.value })} />
              </label>
              {!s.isNew && (
                <div className="console-field">
                  <span className="console-label">&nbsp;</span>
                  <button type="button" className="console-button" onClick={() => void rotate(s.id)}>
                    Generate new secret
                  </button>
                </div>
              )}
            </div>
            {secrets[s.id] && (
              <p className="inbox-secret" role="status">
                Secret for {s.id} (shown once; copy it to the sender now): <code className="inbox-mono">{secrets[s.id]}</code>
              </p>
            )}
            <div className="console-form-row">
              <label className="console-field">
                <span className="console-label">Requests per second</span>
                <input className="console-input" type="number" min={0.001} step="any" value={s.perSecond} onChange={(e) => update(i, { perSecond: Number(e.target.value) })} />
              </label>
              <label className="console-field">
                <span className="console-label">Burst</span>
                <input className="console-input" type="number" min={1} value={s.burst} onChange={(e) => update(i, { burst: Number(e.target.value) })} />
              </label>
              <label className="console-field inbox-wide">
                <span className="console-label">Watch folder (optional)</span>
                <input className="console-input" value={s.watchFolder} placeholder="/path/to/drop/folder" onChange={(e) => update(i, { watchFolder: e.target.value })} />
              </label>
            </div>
            <table className="inbox-mapping" aria-label={`Severity mapping of ${s.id}`}>
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Impact</th>
                  <th scope="col">Urgency</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Create incident automatically</th>
                </tr>
              </thead>
              <tbody>
                {ALERT_SEVERITIES.map((sev) => {
                  const m = s.mapping[sev];
                  const setLevel = (patch: Partial<typeof m>) => update(i, { mapping: { ...s.mapping, [sev]: { ...m, ...patch } } });
                  return (
                    <tr key={sev}>
                      <th scope="row">{SEVERITY_LABELS[sev]}</th>
                      <td>
                        <select className="console-select" aria-label={`${SEVERITY_LABELS[sev]} impact`} value={m.impact} onChange={(e) => setLevel({ impact: Number(e.target.value) as Level })}>
                          {LEVELS.map((l) => (
                            <option key={l} value={l}>
                              {l} · {IMPACT_LABELS[l]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <select className="console-select" aria-label={`${SEVERITY_LABELS[sev]} urgency`} value={m.urgency} onChange={(e) => setLevel({ urgency: Number(e.target.value) as Level })}>
                          {LEVELS.map((l) => (
                            <option key={l} value={l}>
                              {l} · {URGENCY_LABELS[l]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>{priorityFor(m.impact, m.urgency, matrix)}</td>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Create incidents for ${SEVERITY_LABELS[sev]} alerts automatically`}
                          checked={s.autoCreate.includes(sev)}
                          onChange={(e) => update(i, { autoCreate: e.target.checked ? [...s.autoCreate, sev] : s.autoCreate.filter((x) => x !== sev) })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="console-form-row">
              <label className="console-field">
                <span className="console-label">Extra severity words</span>
                <input className="console-input" value={s.aliases} placeholder="p0=critical, sev-2=high" onChange={(e) => update(i, { aliases: e.target.value })} />
              </label>
              <label className="console-field">
                <span className="console-label">Service labels</span>
                <input className="console-input" value={s.serviceLabels} onChange={(e) => update(i, { serviceLabels: e.target.value })} />
              </label>
              <label className="console-field">
                <span className="console-label">Category</span>
                <input className="console-input" value={s.category} onChange={(e) => update(i, { category: e.target.value })} />
              </label>
              <label className="console-field">
                <span className="console-label">Tags</span>
                <input className="console-input" value={s.tags} onChange={(e) => update(i, { tags: e.target.value })} />
              </label>
              <label className="console-check">
                <input type="checkbox" checked={s.exercise} onChange={(e) => update(i, { exercise: e.target.checked })} /> Training feed (exercise)
              </label>
            </div>
            <div className="console-form-actions">
              <button type="button" className="console-button is-danger is-small" onClick={() => setSources(sources.filter((_, j) => j !== i))}>
                Remove source
              </button>
            </div>
          </fieldset>
        );
      })}

      {error && (
        <p className="console-alert" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="inbox-notice" role="status">
          {notice}
        </p>
      )}
      {!readOnly && (
        <div className="console-form-actions inbox-settings-actions">
          <button type="button" className="console-button" onClick={() => setSources([...sources, newDraft(view.defaults, sources.length + 1)])}>
            Add source
          </button>
          <button type="submit" className="console-button is-primary" disabled={busy}>
            Save settings
          </button>
        </div>
      )}
    </form>
  );
}
