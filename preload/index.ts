// Runs in: the preload of the sandboxed renderer. Exposes the API contract on window.api as
// named functions (api.library.addRoot(...)), never ipcRenderer itself; subscriptions
// return their unsubscribe function. Dropped files become paths here, through
// webUtils.getPathForFile, because the sandboxed page cannot see paths.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createApiClient, type DesktopApi, type EventMessage, type Result } from '../main/shared/api-contract';
import { EVENT_CHANNEL } from '../main/electron/event-channel';

const client = createApiClient(
  (channel, args) => ipcRenderer.invoke(channel, ...args) as Promise<Result<unknown>>,
  (event, listener) => {
    const forward = (_event: IpcRendererEvent, message: EventMessage) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
);

const api: DesktopApi = { ...client, pathForFile: (file) => webUtils.getPathForFile(file) };

contextBridge.exposeInMainWorld('api', api);
