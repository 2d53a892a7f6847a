// Which disk a path is on, for messages: "the disk mounted at /home is full" tells a person where to
// free space; the folder alone does not when several disks are mounted.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type DeviceOf = (path: string) => number | null;

const deviceOf: DeviceOf = (path) => {
  try {
    return statSync(path).dev;
  } catch {
    return null;
  }
};

/** The mount point of the disk holding `path` (the highest folder on the same device), or null when unknown. */
export function mountPointOf(path: string, device: DeviceOf = deviceOf): string | null {
  let current = resolve(path);
  let dev = device(current);
  // The file itself may not exist yet: start from its nearest existing folder.
  while (dev === null) {
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
    dev = device(current);
  }
  for (;;) {
    const parent = dirname(current);
    if (parent === current || device(parent) !== dev) return current;
    current = parent;
  }
}
