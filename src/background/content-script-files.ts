/** The fixed, unhashed name of what the content script registration injects, so the worker knows it at build time. */
export const CONTENT_SCRIPT_FILE = 'content/content-script.js'
