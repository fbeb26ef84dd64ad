// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { definitionOf } from '../shared/settings.ts'

const request = vi.fn(async (_asked: unknown): Promise<boolean> => false)
const contains = vi.fn(async (_asked: unknown): Promise<boolean> => false)
const event = { addListener: () => undefined, removeListener: () => undefined }
vi.mock('webextension-polyfill', () => ({
  default: { permissions: { request: (asked: unknown) => request(asked), contains: (asked: unknown) => contains(asked), onAdded: event, onRemoved: event } },
}))
const { PermissionCheckbox } = await import('./permission-setting.tsx')

const permissions = definitionOf('checkDownloads').permissions!
let root: HTMLElement
let onChange: ReturnType<typeof vi.fn<(checked: boolean) => void>>

beforeEach(() => {
  root = document.createElement('div')
  document.body.append(root)
  request.mockReset()
  contains.mockReset()
  onChange = vi.fn()
})
afterEach(() => {
  render(null, root)
  root.remove()
})

async function show({ checked = false, isManaged = false, held = false } = {}) {
  contains.mockResolvedValue(held)
  await act(async () => {
    render(<PermissionCheckbox field="checkDownloads" label="optionsCheckDownloadsLabel" permissions={permissions} checked={checked}
      isManaged={isManaged} note={<p data-note>note</p>} onChange={onChange} />, root)
  })
}

/** The prompt's answer, then the recheck it starts. */
async function settle() {
  for (let round = 0; round < 4; round++) await act(async () => undefined)
}

const box = () => root.querySelector<HTMLInputElement>('input[type="checkbox"]')!
const allowButton = () => [...root.querySelectorAll('button')].find((button) => button.textContent === 'Allow')

describe('PermissionCheckbox', () => {
  it('asks for downloads and notifications within the click, before anything is awaited, and turns on when granted', async () => {
    await show()
    request.mockResolvedValue(true)
    box().click()
    // Synchronously, in the click's handler: Firefox refuses a request made after an await.
    expect(request).toHaveBeenCalledWith({ permissions: ['downloads', 'notifications'] })
    expect(box().checked).toBe(false)
    await settle()
    expect(onChange).toHaveBeenCalledWith(true)
    expect(root.querySelector('[data-permission-refused]')).toBeNull()
  })

  it('stays off and says why when the prompt is refused', async () => {
    await show()
    request.mockResolvedValue(false)
    await act(async () => box().click())
    await settle()
    expect(onChange).not.toHaveBeenCalled()
    expect(box().checked).toBe(false)
    expect(root.querySelector('[data-permission-refused]')?.textContent).toBe(
      'Download checks stay off: HashLens was not allowed to read your downloads and show notifications.')
    expect(box().getAttribute('aria-describedby')).toBe('checkDownloads-permission')
  })

  it('turns on without a prompt when the permissions are held, and off without one', async () => {
    await show({ held: true })
    await act(async () => box().click())
    expect(onChange).toHaveBeenLastCalledWith(true)
    await show({ checked: true, held: true })
    await act(async () => box().click())
    expect(onChange).toHaveBeenLastCalledWith(false)
    expect(request).not.toHaveBeenCalled()
    expect(allowButton()).toBeUndefined()
  })

  it('on without the permissions: says so with an Allow button that asks within its click', async () => {
    await show({ checked: true })
    expect(root.querySelector('[data-permission-missing]')?.textContent).toContain('Download checks are on, but HashLens may not read your downloads')
    request.mockResolvedValue(true)
    contains.mockResolvedValue(true)
    allowButton()!.click()
    expect(request).toHaveBeenCalledWith({ permissions: ['downloads', 'notifications'] })
    await settle()
    expect(root.querySelector('[data-permission-missing]')).toBeNull()
  })

  it('on by policy without the permissions: the organisation\'s sentence, the box locked, Allow still offered', async () => {
    await show({ checked: true, isManaged: true })
    expect(box().disabled).toBe(true)
    expect(root.querySelector('[data-permission-missing]')?.textContent).toContain(
      'Your organisation turned on download checks. Allow HashLens to read your downloads and show notifications.')
    expect(allowButton()).toBeDefined()
    expect(root.querySelector('[data-note]')).not.toBeNull()
  })
})
