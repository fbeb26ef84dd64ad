/**
 * The git-object-link noise filter: commit and tree SHA-1s on GitHub, GitLab, Bitbucket,
 * Gitea and their clones are hex of a hash's length, and a repository page shows dozens
 * of them, all linked to the object they name. Looking those up wastes quota and the
 * verdict is always "not found", so a hash inside a link to a git object is skipped.
 *
 * Links are recognised by their path alone (not by host), so self-hosted forges count:
 * GitHub `/owner/repo/commit/<sha>`, `/tree/<sha>`, `/blob/<sha>/file`; GitLab
 * `/group/project/-/commit/<sha>`; Bitbucket `/workspace/repo/commits/<sha>`.
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

/**
 * Whether a hash starting in `textNode` is (part of) the text of a link to a git object.
 * Runs only for matches, never per text node, so the URL parse is affordable.
 */
export function isInGitObjectLink(textNode: Text): boolean {
  const link = textNode.parentElement?.closest('a[href]')
  if (!link) return false
  const href = link.getAttribute('href')
  if (href === null) return false
  return isGitObjectUrl(href, textNode.ownerDocument?.baseURI ?? '')
}
