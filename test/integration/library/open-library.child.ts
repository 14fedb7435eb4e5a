// Runs in: a child process started by the library tests, which kill it with SIGKILL at chosen
// moments. Holds the library in argv[2] (migrating a first-format one, printing its progress
// as "progress FRACTION" lines), prints "held", then lets it go.
import { LibraryHold } from '../../../main/library/library-hold';

const dir = process.argv[2];
if (!dir) throw new Error('usage: open-library.child.ts LIBRARY_DIR');
const hold = await LibraryHold.acquire(dir, {
  holder: 'a test child',
  onMigration: (p) => process.stdout.write(`progress ${p.fraction}\n`),
});
process.stdout.write('held\n');
hold.release();
