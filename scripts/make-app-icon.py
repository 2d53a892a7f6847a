# Draws Earshot's app icon (resources/icon.png, 512x512): sound waves reaching an ear-shaped arc on
# the accent blue. Written as code so the icon can be remade without an image editor.
import struct
import sys
import zlib

import numpy as np

SIZE = 512
y, x = np.mgrid[0:SIZE, 0:SIZE].astype(np.float64) + 0.5
c = SIZE / 2
r = np.hypot(x - c, y - c)
angle = np.arctan2(y - c, x - c)

rgba = np.zeros((SIZE, SIZE, 4))
# Rounded square background.
corner = 96
dx = np.maximum(np.abs(x - c) - (c - corner), 0)
dy = np.maximum(np.abs(y - c) - (c - corner), 0)
inside = np.clip(corner - np.hypot(dx, dy) + 0.5, 0, 1)
rgba[..., :3] = np.array([31, 95, 191]) / 255
rgba[..., 3] = inside

# Three arcs opening to the right (waves), and a dot where they start.
white = np.zeros((SIZE, SIZE))
cx = c - 80
rr = np.hypot(x - cx, y - c)
aa = np.abs(np.arctan2(y - c, x - cx))
for radius in (90, 160, 230):
    ring = np.clip(18 - np.abs(rr - radius) + 0.5, 0, 1) * (aa < 0.85)
    white = np.maximum(white, ring)
white = np.maximum(white, np.clip(40 - rr + 0.5, 0, 1))
white *= inside
rgba[..., :3] = rgba[..., :3] * (1 - white[..., None]) + white[..., None]

pixels = (np.clip(rgba, 0, 1) * 255).astype(np.uint8)
raw = b''.join(b'\x00' + pixels[row].tobytes() for row in range(SIZE))


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
with open(sys.argv[1] if len(sys.argv) > 1 else 'resources/icon.png', 'wb') as out:
    out.write(png)
