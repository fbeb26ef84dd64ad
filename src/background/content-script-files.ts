/** Fixed, unhashed names of what the content script registration injects, so the worker knows them at build time. */
export const CONTENT_SCRIPT_FILE = 'content/content-script.js'
export const HIGHLIGHT_CSS_FILE = 'content/highlights.css'
