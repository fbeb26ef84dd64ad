/**
 * Forges link dozens of commit and tree SHA-1s, always "not found": looking them up wastes quota.
 * Recognised by path, not host, so self-hosted GitHub, GitLab, Bitbucket, Gitea and cgit count.
 * Only the id in the git-ref position is a git object id: in `…/blob/master/<sha256>.exe` (a sample
 * repository's file list) the ref is `master` and the hash is a file name, a sample (issue 13).
 */

/** The path segment right after one of these is a ref: `/commit/<id>`, `/-/tree/<id>`, `/blob/<id>/path`. */
const REF_PATH = /\/(?:commits?|tree|blob|raw)\/([^/]+)/g
/** cgit (`/commit/?id=`) and gitweb (`?p=x.git;a=commit;h=`) name the object in the query; elsewhere `?id=` is anything. */
const REF_PARAMETER = /^(?:id|h|hb)$/
const CGIT_PAGE = /\/(?:commit|tree|log|patch|diff|plain|blob)\/?$/
const GITWEB_ACTION = /(?:^\?|[&;])a=/
const GIT_OBJECT_ID = /^[0-9a-f]{7,64}$/i

/** The git object ids in the ref positions of `url` (absolute, or relative to `baseUrl`), lower case. */
function refIdsOf(url: string, baseUrl: string): string[] {
  let parsed: URL
  try {
    parsed = new URL(url, baseUrl)
  } catch {
    return []
  }
  const ids: string[] = []
  for (const match of parsed.pathname.matchAll(REF_PATH)) if (GIT_OBJECT_ID.test(match[1]!)) ids.push(match[1]!.toLowerCase())
  if (!CGIT_PAGE.test(parsed.pathname) && !GITWEB_ACTION.test(parsed.search)) return ids
  for (const part of parsed.search.slice(1).split(/[&;]/)) {
    const [name = '', value = ''] = part.split('=', 2)
    if (REF_PARAMETER.test(name) && GIT_OBJECT_ID.test(value)) ids.push(value.toLowerCase())
  }
  return ids
}

/**
 * Whether `url` points at a git object whose id is `hash` (an abbreviated id counts for the hash it starts), or,
 * without `hash`, at any git object.
 */
export function isGitObjectUrl(url: string, baseUrl: string, hash?: string): boolean {
  const ids = refIdsOf(url, baseUrl)
  return hash === undefined ? ids.length > 0 : ids.some((id) => hash.toLowerCase().startsWith(id))
}

/**
 * Whether the hash `hash` in `textNode` is the git object id its link points at; without `hash`, whether any ref id
 * of the link is in the node's text. Runs only for matches, never per text node, so the URL parse is affordable.
 */
export function isInGitObjectLink(textNode: Text, hash?: string): boolean {
  const href = textNode.parentElement?.closest('a[href]')?.getAttribute('href')
  if (href === null || href === undefined) return false
  const ids = refIdsOf(href, textNode.ownerDocument?.baseURI ?? '')
  const text = (hash ?? textNode.data).toLowerCase()
  return ids.some((id) => (hash === undefined ? text.includes(id) : text.startsWith(id)))
}
