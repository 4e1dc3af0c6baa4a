import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { createClient } from './api/create-client';
import { App } from './app/App';
import './ui/theme.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider client={createClient()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
