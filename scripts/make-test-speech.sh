#!/usr/bin/env bash
# Makes a fake-microphone recording for the end-to-end tests: espeak-ng speaks the text, sox turns
# it into 16 kHz mono 16-bit WAV with silence before and after (Chromium's fake microphone loops
# the file, so the silence separates the repeats).
#   scripts/make-test-speech.sh OUT.wav "text to say" [voice=en-us] [lead-seconds=0.4] [tail-seconds=1.2]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 OUT.wav \"text\" [voice] [lead-seconds] [tail-seconds]" >&2
  exit 2
fi
out=$1 text=$2 voice=${3:-en-us} lead=${4:-0.4} tail=${5:-1.2}
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "$tool is missing — install it with: sudo apt-get install -y espeak-ng sox" >&2; exit 1; }
done
mkdir -p "$(dirname "$out")"
raw=$(mktemp --suffix .wav)
trap 'rm -f "$raw"' EXIT
espeak-ng -v "$voice" -w "$raw" "$text"
sox "$raw" -r 16000 -c 1 -b 16 "$out" pad "$lead" "$tail"
