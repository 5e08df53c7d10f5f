import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: quit, zoom, about. Reload and DevTools exist only
 * unpackaged; a trader's reload would drop the live view for nothing.
 */
export function buildMenuTemplate(options: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  onAbout: () => void;
}): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit', label: 'Quit Tickdesk' }] },
    // Copy and paste in the order ticket need the Edit roles on macOS.
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'help', submenu: [{ label: 'About Tickdesk', click: () => options.onAbout() }] },
  ];
}
