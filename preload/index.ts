// Runs in: the preload of the sandboxed renderer. Exposes named functions on window.api,
// never ipcRenderer itself.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('api', {
  platform: process.platform,
});
