import { ConnectionBanner } from './features/connection/ConnectionBanner';
import { TokenRejectedScreen } from './features/connection/TokenRejectedScreen';
import { TopBar } from './features/topbar/TopBar';
import { Workspace } from './features/workspace/Workspace';
import { useConnectionStore } from './stores/connection-store';

export function App() {
  const unauthorized = useConnectionStore((s) => s.status.state === 'unauthorized');
  if (unauthorized) return <TokenRejectedScreen />;
  return (
    <div className="app">
      <TopBar />
      <ConnectionBanner />
      <Workspace />
    </div>
  );
}
