import { create } from 'zustand';
import type { AppInfo } from '../../../src-shared/domain/app-info';

interface AppInfoStore {
  info: AppInfo | null;
  /**
   * Server clock minus this machine's clock, in ms. In browser mode the page
   * may run on another machine than the core; the IST clock shows the core's
   * time, which is the time orders are stamped with.
   */
  clockOffsetMs: number;
}

export const useAppInfoStore = create<AppInfoStore>()(() => ({
  info: null,
  clockOffsetMs: 0,
}));
