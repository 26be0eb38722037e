import { describe, expect, it } from 'vitest'
import { SCAN_OPEN_MS, createCameraGate } from './camera-gate'

describe('camera permission gate', () => {
  const APP = 1
  const OTHER = 2
  const url = 'app://treasury/index.html'
  let clock = 1_000
  const gate = createCameraGate(
    (id) => id === APP,
    (u) => u.startsWith('app://treasury/'),
    () => clock,
  )
  const video = { contentsId: APP, permission: 'media', mediaTypes: ['video'], url }

  it('denies the camera until the app window opens a scan, and again once it is closed', () => {
    expect(gate.allows(video)).toBe(false)
    expect(gate.open(APP)).toBe(true)
    expect(gate.allows(video)).toBe(true)
    expect(gate.allows({ ...video, mediaTypes: undefined })).toBe(true) // the permission check
    gate.close(APP)
    expect(gate.allows(video)).toBe(false)
  })

  it('never grants the microphone, another permission, another window or another page, even during a scan', () => {
    gate.open(APP)
    expect(gate.allows({ ...video, mediaTypes: ['video', 'audio'] })).toBe(false)
    expect(gate.allows({ ...video, mediaTypes: ['audio'] })).toBe(false)
    expect(gate.allows({ ...video, mediaTypes: [] })).toBe(false)
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'hid', 'usb'])
      expect(gate.allows({ ...video, permission })).toBe(false)
    expect(gate.allows({ ...video, contentsId: OTHER })).toBe(false)
    expect(gate.open(OTHER)).toBe(false)
    expect(gate.allows({ ...video, url: 'file:///tmp/evil.html' })).toBe(false)
    gate.close(APP)
  })

  it('a scan left open closes itself', () => {
    gate.open(APP)
    clock += SCAN_OPEN_MS + 1
    expect(gate.allows(video)).toBe(false)
  })
})
