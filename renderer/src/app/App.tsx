import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useWorkspace } from '../state/workspace-store';
import { ConsoleView } from '../features/console/ConsoleView';
import { WallBoardView } from '../features/wallboard/WallBoardView';
import { ImportView } from '../features/import/ImportView';
import { InboxView } from '../features/inbox/InboxView';
import { ReportView } from '../features/reports/ReportView';
import { TrendsView } from '../features/trends/TrendsView';
import { useView } from './route';

export function App() {
  const client = useApi();
  const connect = useWorkspace((s) => s.connect);
  const theme = useWorkspace((s) => s.info?.settings.theme ?? 'dark');
  const view = useView();
  // The wall board sets its own theme (its URL's `theme`, else this setting): never overwrite it.
  const onWall = view.name === 'wall';

  useEffect(() => connect(client), [client, connect]);
  useEffect(() => {
    if (!onWall) document.documentElement.dataset.theme = theme;
  }, [theme, onWall]);

  if (view.name === 'import') return <ImportView />;
  if (view.name === 'inbox') return <InboxView />;
  if (view.name === 'report') return <ReportView view={view} />;
  if (view.name === 'trends') return <TrendsView params={view.params} />;
  return view.name === 'wall' ? <WallBoardView params={view.params} /> : <ConsoleView />;
}
