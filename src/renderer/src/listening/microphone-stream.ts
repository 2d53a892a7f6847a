// The always-open microphone for hands-free listening: 16 kHz mono frames straight from the
// device, with the browser's echo cancellation on so Earshot's own voice is mostly gone before
// main's wake-word listener hears it. No VAD here: main's Silero endpoints the speech (one VAD).
import { CAPTURE_SAMPLE_RATE } from '../audio/frame-chunker';

export interface MicrophoneStream {
  close(): Promise<void>;
}

/**
 * 1024 samples at 16 kHz: a frame every 64 ms. Speech that begins just after a frame started waits
 * for it to fill before main can hear it, so this is the largest share of a spoken barge-in's
 * stop time that the page controls (128 ms frames put the p95 over 300 ms).
 */
export const FRAME_SAMPLES = 1024;

export async function openMicrophoneStream(onFrame: (frame: Float32Array) => void): Promise<MicrophoneStream> {
  const media = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  // The context resamples the device's rate to 16 kHz, the rate the wake-word models expect.
  const context = new AudioContext({ sampleRate: CAPTURE_SAMPLE_RATE });
  const source = context.createMediaStreamSource(media);
  // A ScriptProcessor needs no worklet module to serve: the page's policy and both hosts stay as
  // they are. Its frames arrive on the page's thread, which only forwards them.
  const processor = context.createScriptProcessor(FRAME_SAMPLES, 1, 1);
  processor.onaudioprocess = (event) => onFrame(event.inputBuffer.getChannelData(0).slice());
  source.connect(processor);
  processor.connect(context.destination);
  return {
    close: async () => {
      processor.onaudioprocess = null;
      source.disconnect();
      processor.disconnect();
      for (const track of media.getTracks()) track.stop();
      await context.close();
    },
  };
}
