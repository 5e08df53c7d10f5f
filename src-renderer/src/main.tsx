import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ClientProvider } from './client/client-context';
import { connect } from './client/connect';
import { startSync } from './client/sync';
import './styles/base.css';
import './styles/topbar.css';
import './styles/workspace.css';
import './styles/screens.css';

// The one client of this page, made once here and handed down by context.
const connection = connect(window);
startSync(connection);

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lacks #root');

createRoot(rootElement).render(
  <StrictMode>
    <ClientProvider client={connection.client}>
      <App />
    </ClientProvider>
  </StrictMode>,
);
