import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { ClientProvider } from './client/client-context';
import { connect } from './client/connect';
import { startSync } from './client/sync';
import './styles/base.css';
import './styles/topbar.css';
import './styles/workspace.css';
import './styles/screens.css';

// zod probes for eval support with new Function(); the strict CSP forbids it
// (a console violation each load), and the interpreted path is fast enough here.
z.config({ jitless: true });

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
