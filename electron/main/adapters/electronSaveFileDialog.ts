// SaveFileDialog on Electron's dialog.showSaveDialog (Electron main): where customers:downloadSave copies an
// export or an import's error report. Not wired yet: main.ts passes it to startCore as `saveFileDialog`.
import type { BrowserWindow, Dialog } from 'electron';
import type { SaveFileDialog } from '../../core/customers/customerFileService.js';

/** The part of Electron's dialog module this adapter uses. */
export type SaveDialogLike = Pick<Dialog, 'showSaveDialog'>;

/** `owner`: the window the sheet belongs to (modal to it on macOS); none → a free-standing dialog. */
export function electronSaveFileDialog(dialog: SaveDialogLike, owner: () => BrowserWindow | null): SaveFileDialog {
  return {
    async choosePath(suggestedName, filter) {
      const options = {
        defaultPath: suggestedName,
        filters: [filter],
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const window = owner();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
  };
}
