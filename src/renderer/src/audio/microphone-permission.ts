// The page's microphone permission: read without prompting (Permissions API), or asked for by
// opening the microphone once and closing it straight away.
import type { MicPermission } from '../store/setup-slice';

export async function queryMicrophonePermission(): Promise<MicPermission> {
  try {
    const status = await navigator.permissions.query({ name: 'microphone' as PermissionName });
    return status.state;
  } catch {
    return 'unknown';
  }
}

export async function askMicrophonePermission(): Promise<MicPermission> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    stream.getTracks().forEach((track) => track.stop());
    return 'granted';
  } catch (error) {
    return error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : queryMicrophonePermission();
  }
}
