/**
 * Forges link dozens of commit and tree SHA-1s, always "not found": looking them up wastes quota.
 * Recognised by path, not host, so self-hosted GitHub, GitLab, Bitbucket and Gitea count.
 */

const GIT_OBJECT_PATH = /\/(?:commits?|tree|blob)\//

/** Whether `url` (absolute, or relative to `baseUrl`) points at a git object. */
export function isGitObjectUrl(url: string, baseUrl: string): boolean {
  let pathname: string
  try {
    pathname = new URL(url, baseUrl).pathname
  } catch {
    return false
  }
  return GIT_OBJECT_PATH.test(pathname)
}

/** Runs only for matches, never per text node, so the URL parse is affordable. */
export function isInGitObjectLink(textNode: Text): boolean {
  const link = textNode.parentElement?.closest('a[href]')
  if (!link) return false
  const href = link.getAttribute('href')
  if (href === null) return false
  return isGitObjectUrl(href, textNode.ownerDocument?.baseURI ?? '')
}
