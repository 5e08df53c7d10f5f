import { create } from 'zustand';
import type { EventPayload } from '../../../../src-shared/contract';
import type { TickdeskClient } from '../../../../src-shared/contract/client';
import type { BrokerIdName, DrillProgressView, DrillStatusView } from '../../../../src-shared/contract/domains/brokers';
import { errorMessage } from '../../format/error-message';

/**
 * Settings → Instrument master. The drill runs in main (at start-up, daily before
 * the open, or on "Download now"); this store mirrors what main reports. It lives
 * outside the dialog so a drill started with the dialog closed is still shown
 * running when it opens (drillStatus carries the running progress).
 */
interface DrillStore {
  status: DrillStatusView | null;
  /** The latest brokers.drillProgress per broker while a drill runs. */
  progress: Partial<Record<BrokerIdName, DrillProgressView>>;
  /** A "Download now" call from this window is in flight. */
  busy: boolean;
  /** Why the last call failed (the paper broker's refusal, a lost connection). */
  error: string | null;
}

const initial: DrillStore = { status: null, progress: {}, busy: false, error: null };

export const useDrillStore = create<DrillStore>()(() => ({ ...initial }));

export function resetDrillStore(): void {
  useDrillStore.setState({ ...initial });
}

export function isDrillRunning(state: Pick<DrillStore, 'status' | 'progress' | 'busy'>): boolean {
  return state.busy || state.status?.running === true || Object.keys(state.progress).length > 0;
}

export async function refreshDrill(client: TickdeskClient): Promise<void> {
  try {
    const status = await client.call('brokers.drillStatus', {});
    const progress: DrillStore['progress'] = {};
    // Picks up a drill already running in main (started at start-up or from another window).
    if (status.running) for (const p of status.progress) progress[p.broker] = p;
    useDrillStore.setState({ status, progress });
  } catch (error) {
    useDrillStore.setState({ error: `Could not read the instrument master status: ${errorMessage(error)}` });
  }
}

export function onDrillProgress(progress: DrillProgressView): void {
  useDrillStore.setState((state) => ({ progress: { ...state.progress, [progress.broker]: progress } }));
}

export function onDrillFinished({ reports }: EventPayload<'brokers.drillFinished'>): void {
  useDrillStore.setState((state) => ({
    progress: {},
    status: state.status ? { ...state.status, running: false, progress: [], reports } : state.status,
  }));
}

/** "Download now": joins a drill already running in main; the answer is the reports. */
export async function runDrillNow(client: TickdeskClient): Promise<void> {
  if (isDrillRunning(useDrillStore.getState())) return;
  useDrillStore.setState({ busy: true, error: null });
  try {
    const { reports } = await client.call('brokers.drill', {});
    onDrillFinished({ reports });
  } catch (error) {
    useDrillStore.setState({ error: errorMessage(error) });
  } finally {
    useDrillStore.setState({ busy: false, progress: {} });
    await refreshDrill(client);
  }
}

/** Subscribes the store to main's drill events; returns the unsubscribe. */
export function followDrill(client: TickdeskClient): () => void {
  const offProgress = client.on('brokers.drillProgress', onDrillProgress);
  const offFinished = client.on('brokers.drillFinished', onDrillFinished);
  void refreshDrill(client);
  return () => {
    offProgress();
    offFinished();
  };
}
