/** The Check files page (issue 16): a vite input, opened by the popup's "Files" (a popup may close when a file dialog opens). */
export const CHECK_FILES_PATH = 'src/files/check-files.html'
