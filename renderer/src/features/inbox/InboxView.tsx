import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useView } from '../../app/route';
import { startClock } from '../../ui/clock-store';
import { GroupDetail } from './GroupDetail';
import { GroupList } from './GroupList';
import { countsOf, FILTER_LABELS, filterGroups, orderGroups, type InboxFilter } from './inbox-model';
import { useInbox } from './inbox-store';
import { IntakeLogView } from './IntakeLogView';
import { IntakeSettingsView } from './IntakeSettingsView';
import '../../ui/view-frame.css';
import '../console/forms.css';
import './Inbox.css';

type Tab = 'alerts' | 'log' | 'settings';
const TABS: Array<[Tab, string, string]> = [
  ['alerts', 'Alerts', '#/inbox'],
  ['log', 'Intake log', '#/inbox/log'],
  ['settings', 'Settings', '#/inbox/settings'],
];

/**
 * The alert inbox (`#/inbox`): alert groups from monitoring systems, deduplicated, with triage
 * into incidents; the intake log (`#/inbox/log`) and the intake settings (`#/inbox/settings`).
 */
export function InboxView() {
  const client = useApi();
  const view = useView();
  const tab: Tab = view.rest[0] === 'log' ? 'log' : view.rest[0] === 'settings' ? 'settings' : 'alerts';
  const connect = useInbox((s) => s.connect);
  const groups = useInbox((s) => s.groups);
  const loaded = useInbox((s) => s.loaded);
  const loadError = useInbox((s) => s.error);
  const selectedId = useInbox((s) => s.selectedId);
  const select = useInbox((s) => s.select);
  const [filter, setFilter] = useState<InboxFilter>('all');
  const [text, setText] = useState('');

  useEffect(() => connect(client), [client, connect]);
  useEffect(() => startClock(), []);

  const ordered = useMemo(() => orderGroups(groups), [groups]);
  const counts = useMemo(() => countsOf(ordered), [ordered]);
  const shown = useMemo(() => filterGroups(ordered, filter, text), [ordered, filter, text]);
  const selected = selectedId ? groups[selectedId] : undefined;

  useEffect(() => {
    document.title = counts.triage > 0 ? `(${counts.triage}) Alert inbox · Watchfloor` : 'Alert inbox · Watchfloor';
  }, [counts.triage]);

  return (
    <div className="inbox-view">
      <header className="view-frame-header">
        <a className="view-frame-back" href="#/">
          ← Console
        </a>
        <h1 className="view-frame-title">Alert inbox</h1>
        <nav className="inbox-tabs" aria-label="Alert intake">
          {TABS.map(([id, label, href]) => (
            <a key={id} className={`inbox-tab${tab === id ? ' is-current' : ''}`} href={href} aria-current={tab === id ? 'page' : undefined}>
              {label}
              {id === 'alerts' && counts.triage > 0 && <span className="inbox-count" aria-label={`${counts.triage} need triage`}>{counts.triage}</span>}
            </a>
          ))}
        </nav>
      </header>

      {tab === 'log' && (
        <main className="inbox-main is-single">
          <IntakeLogView />
        </main>
      )}
      {tab === 'settings' && (
        <main className="inbox-main is-single">
          <IntakeSettingsView />
        </main>
      )}
      {tab === 'alerts' && (
        <main className="inbox-main">
          <section className="inbox-list" aria-label="Alert groups">
            <div className="inbox-toolbar">
              <div className="inbox-filters" role="group" aria-label="Show">
                {(Object.keys(FILTER_LABELS) as InboxFilter[]).map((f) => (
                  <button key={f} type="button" className={`console-button is-small${filter === f ? ' is-primary' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                    {FILTER_LABELS[f]} ({f === 'all' ? counts.all : f === 'triage' ? counts.triage : counts.firing})
                  </button>
                ))}
              </div>
              <input className="console-input inbox-search" type="search" aria-label="Filter alerts" placeholder="Filter by title, label, source…" value={text} onChange={(e) => setText(e.target.value)} />
            </div>
            {loadError && (
              <p className="console-alert" role="alert">
                Cannot load the inbox: {loadError}
              </p>
            )}
            {loaded && shown.length === 0 && !loadError && (
              <p className="console-hint inbox-empty">{counts.all === 0 ? 'No alerts yet. Configure a source under Settings and point a monitoring system at its URL.' : 'No alerts match.'}</p>
            )}
            {shown.length > 0 && <GroupList groups={shown} selectedId={selectedId} onSelect={select} />}
          </section>
          <aside className="inbox-side" aria-label="Selected alert group">
            {selected ? <GroupDetail key={selected.id} group={selected} /> : <p className="console-hint">Choose an alert group to triage it.</p>}
          </aside>
        </main>
      )}
    </div>
  );
}
