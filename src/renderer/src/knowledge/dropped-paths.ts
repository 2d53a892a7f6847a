// Paths of files dropped on the window. The desktop app's preload can tell where a dropped file
// lives (webUtils.getPathForFile); a browser page never can, and then the list is empty.

declare global {
  interface Window {
    /** Set by the desktop app's preload only. */
    earshotFiles?: { pathOf(file: File): string };
  }
}

export function droppedPaths(files: readonly File[], host: Window): string[] {
  const pathOf = host.earshotFiles?.pathOf;
  if (!pathOf) return [];
  return files.map((f) => pathOf(f)).filter((p) => p !== '');
}
