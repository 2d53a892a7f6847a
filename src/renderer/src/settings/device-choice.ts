// Which microphone or speaker the picker shows as chosen, from the devices plugged in now and the
// one remembered in settings: a remembered device that is unplugged is kept in settings (it is used
// again when it comes back) but the system default is what plays meanwhile. Pure.

export interface AudioDevice {
  deviceId: string;
  label: string;
}

export interface DeviceChoice {
  /** The select's value: the remembered device when present, else '' (the default). */
  value: string;
  /** True when a remembered device is not plugged in now. */
  missing: boolean;
}

export function deviceChoice(devices: readonly AudioDevice[], remembered: string): DeviceChoice {
  if (remembered === '' || devices.some((d) => d.deviceId === remembered)) return { value: remembered, missing: false };
  return { value: '', missing: true };
}

/** Devices worth listing: without the browser's "default"/"communications" aliases of real ones. */
export function listedDevices(devices: readonly AudioDevice[]): AudioDevice[] {
  return devices.filter((d) => d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications');
}
