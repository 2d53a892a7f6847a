import { describe, expect, it } from 'vitest';
import { deviceChoice, listedDevices } from '../../../src/renderer/src/settings/device-choice';

const usb = { deviceId: 'usb-1', label: 'USB headset' };
const builtIn = { deviceId: 'built-in', label: 'Built-in microphone' };

describe('choosing a microphone or speaker', () => {
  it('shows the remembered device while it is plugged in', () => {
    expect(deviceChoice([builtIn, usb], 'usb-1')).toEqual({ value: 'usb-1', missing: false });
  });

  it('falls back to the default, and says so, when the remembered device is unplugged', () => {
    expect(deviceChoice([builtIn], 'usb-1')).toEqual({ value: '', missing: true });
    expect(deviceChoice([builtIn], '')).toEqual({ value: '', missing: false });
  });

  it('leaves out the aliases browsers list for the default device', () => {
    expect(listedDevices([{ deviceId: 'default', label: 'Default' }, builtIn, { deviceId: 'communications', label: 'Comms' }])).toEqual([builtIn]);
  });
});
