import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useOrgDocuments } from '../state/org-documents-store';
import { usePolicies } from '../state/policies-store';
import { useStoreStatus } from '../state/store-status-store';
import { useWorkspace } from '../state/workspace-store';
import { ConsoleView } from '../features/console/ConsoleView';
import { DirectoryView } from '../features/directory/DirectoryView';
import { WallBoardView } from '../features/wallboard/WallBoardView';
import { ImportView } from '../features/import/ImportView';
import { InboxView } from '../features/inbox/InboxView';
import { PoliciesView } from '../features/policies/PoliciesView';
import { ReportView } from '../features/reports/ReportView';
import { SettingsView } from '../features/settings/SettingsView';
import { TrendsView } from '../features/trends/TrendsView';
import { useView, type ViewName } from './route';

/** The views that list active incidents; the others never load that list. */
const VIEWS_WITH_INCIDENTS: ReadonlySet<ViewName> = new Set<ViewName>(['console', 'wall', 'inbox']);

export function App() {
  const client = useApi();
  const connect = useWorkspace((s) => s.connect);
  const connectStoreStatus = useStoreStatus((s) => s.connect);
  const connectPolicies = usePolicies((s) => s.connect);
  const connectOrgDocuments = useOrgDocuments((s) => s.connect);
  const theme = useWorkspace((s) => s.info?.settings.theme ?? 'dark');
  const view = useView();
  // The wall board sets its own theme (its URL's `theme`, else this setting): never overwrite it.
  const onWall = view.name === 'wall';
  const showsIncidents = VIEWS_WITH_INCIDENTS.has(view.name);

  useEffect(() => connect(client), [client, connect]);
  useEffect(() => {
    if (showsIncidents) useWorkspace.getState().wantIncidents();
  }, [showsIncidents]);
  useEffect(() => connectStoreStatus(client), [client, connectStoreStatus]);
  // Console and wall board compute SLA clocks with the organisation's policies, as the host does.
  useEffect(() => connectPolicies(client), [client, connectPolicies]);
  // The console's pickers suggest directory people; its update composer pre-fills the published templates.
  useEffect(() => connectOrgDocuments(client), [client, connectOrgDocuments]);
  useEffect(() => {
    if (!onWall) document.documentElement.dataset.theme = theme;
  }, [theme, onWall]);

  if (view.name === 'import') return <ImportView />;
  if (view.name === 'inbox') return <InboxView />;
  if (view.name === 'report') return <ReportView view={view} />;
  if (view.name === 'trends') return <TrendsView params={view.params} />;
  if (view.name === 'settings') return <SettingsView />;
  if (view.name === 'policies') return <PoliciesView />;
  if (view.name === 'directory') return <DirectoryView />;
  return view.name === 'wall' ? <WallBoardView params={view.params} /> : <ConsoleView />;
}
