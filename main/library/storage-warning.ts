// Runs in: main process and the CLI (plain Node). A library on a network share or in a
// cloud-synced folder is warned about when it opens, as digiKam and Lightroom do: SQLite's
// locks and its write-ahead log are not safe over network file systems, and a sync client
// copying catalog.sqlite and its WAL at different moments can hand back a torn catalog.
import { statfs } from 'node:fs/promises';
import { sep } from 'node:path';

/** statfs f_type of network and user-space file systems (Linux's magic numbers). */
const NETWORK_FILE_SYSTEMS = new Map<number, string>([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x65735546, 'FUSE (sshfs, rclone and the like)'],
  [0x564c, 'NCP'],
  [0x7461636f, 'OCFS2'],
  [0x47504653, 'GPFS'],
  [0x00c36400, 'Ceph'],
]);

/** Folder names the common sync clients keep their files under. */
const SYNCED_FOLDERS = ['Dropbox', 'OneDrive', 'Google Drive', 'GoogleDrive', 'My Drive', 'iCloud Drive', 'Mobile Documents', 'CloudStorage', 'Nextcloud', 'ownCloud', 'pCloud Drive'];

/** What is unsafe about keeping a library in `dir`, in the user's words; null when nothing is. */
export async function storageWarning(dir: string): Promise<string | null> {
  const parts = dir.split(/[\\/]/);
  const synced = SYNCED_FOLDERS.find((name) => parts.includes(name));
  if (synced) return `Your library is in a cloud-synced folder (${synced}). Syncing can copy the catalog while it is being written and damage it; keep the library on this computer's own disk.`;
  if (process.platform === 'win32' && dir.startsWith(`${sep}${sep}`)) return networkWarning('a network share');
  if (process.platform !== 'linux') return null;
  const type = await statfs(dir).then(
    (s) => s.type,
    () => null,
  );
  const name = type === null ? undefined : NETWORK_FILE_SYSTEMS.get(type);
  return name ? networkWarning(`a network or remote file system (${name})`) : null;
}

function networkWarning(where: string): string {
  return `Your library is on ${where}. Its catalog's locks are not safe there, and two computers opening it could damage it; keep the library on this computer's own disk.`;
}
