import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { useWorkspace } from '../state/workspace-store';
import { ConsoleView } from '../features/console/ConsoleView';
import { WallBoardView } from '../features/wallboard/WallBoardView';
import { ImportView } from '../features/import/ImportView';
import { useView } from './route';

export function App() {
  const client = useApi();
  const connect = useWorkspace((s) => s.connect);
  const theme = useWorkspace((s) => s.info?.settings.theme ?? 'dark');
  const view = useView();

  useEffect(() => connect(client), [client, connect]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (view.name === 'import') return <ImportView />;
  return view.name === 'wall' ? <WallBoardView params={view.params} /> : <ConsoleView />;
}
