import { contextBridge, ipcRenderer } from 'electron';
import { methodNames } from '../../src-shared/contract';
import { PRELOAD_GLOBAL } from '../../src-shared/contract/transport';
import { createPreloadBridge } from './bridge';

// Built as one CommonJS file (a sandboxed preload cannot load modules): the
// page gets window.tickdesk and nothing else from Electron.
contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadBridge(ipcRenderer, new Set(methodNames)));
