import { describe, expect, it, vi } from 'vitest'

vi.mock('webextension-polyfill', () => ({ default: {} }))
const { askForDownloadPermissionOnce } = await import('./download-permission.ts')

function environment(options: { held?: boolean; asked?: boolean; openFails?: boolean } = {}) {
  let asked = options.asked ?? false
  const opened: number[] = []
  return {
    opened,
    isAsked: () => asked,
    env: {
      hasPermissions: async () => options.held ?? false,
      wasAsked: async () => asked,
      noteAsked: async () => { asked = true },
      openOptions: async () => {
        opened.push(opened.length)
        if (options.openFails) throw new Error('no window')
      },
    },
  }
}

describe('askForDownloadPermissionOnce', () => {
  it('opens the options page once when the policy turns checks on without the permissions, however often the policy is read', async () => {
    const { env, opened, isAsked } = environment()
    await Promise.all([askForDownloadPermissionOnce({ checkDownloads: true }, env), askForDownloadPermissionOnce({ checkDownloads: true }, env)])
    await askForDownloadPermissionOnce({ checkDownloads: true }, env)
    expect(opened).toHaveLength(1)
    expect(isAsked()).toBe(true)
  })

  it('asks nothing when the policy leaves checks off or unset, when the permissions are held, or when this profile was asked', async () => {
    for (const [policy, state] of [
      [{ checkDownloads: false }, {}], [{}, {}], [{ checkDownloads: true }, { held: true }], [{ checkDownloads: true }, { asked: true }],
    ] as const) {
      const { env, opened } = environment(state)
      await askForDownloadPermissionOnce(policy, env)
      expect(opened, JSON.stringify([policy, state])).toHaveLength(0)
    }
  })

  it('does not ask again after a tab that failed to open, and a failure does not stop later asks of other profiles', async () => {
    const failing = environment({ openFails: true })
    await askForDownloadPermissionOnce({ checkDownloads: true }, failing.env)
    await askForDownloadPermissionOnce({ checkDownloads: true }, failing.env)
    expect(failing.opened).toHaveLength(1)
    const other = environment()
    await askForDownloadPermissionOnce({ checkDownloads: true }, other.env)
    expect(other.opened).toHaveLength(1)
  })
})
