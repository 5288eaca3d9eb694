#!/usr/bin/env python3
"""Writes the tiny checked-in weight fixtures of tests/core/test_fixtures.cpp, one per format PosLab
reads: tiny.safetensors (F32, F16, BF16, F64), tiny.npy (float64), tiny.npz (numpy.savez layout:
a stored member and a deflated one). Standard library only (no numpy, no torch), so anyone can
regenerate them:  python3 tests/core/data/weights/make_fixtures.py

Every value is v(r, c) = r - 0.5·c + 0.25 for row r and column c: exact in every dtype here, so the
test compares with ==. Formats: safetensors' README (8-byte little-endian header length, JSON
header, data), numpy/lib/format.py (NPY 1.0), PKWARE APPNOTE 6.3 (ZIP, as zipfile writes it)."""

import io
import json
import os
import struct
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS, COLS = 4, 3


def values():
    return [r - 0.5 * c + 0.25 for r in range(ROWS) for c in range(COLS)]


def f16(x):
    return struct.pack("<e", x)


def bf16(x):
    # The upper half of the float32 (every value here is exact in bfloat16).
    return struct.pack("<f", x)[2:]


def safetensors():
    parts = [("wpe.weight", "F32", lambda x: struct.pack("<f", x)),
             ("half", "F16", f16),
             ("brain", "BF16", bf16),
             ("double", "F64", lambda x: struct.pack("<d", x))]
    header, data = {"__metadata__": {"format": "pt"}}, b""
    for name, dtype, pack in parts:
        blob = b"".join(pack(x) for x in values())
        header[name] = {"dtype": dtype, "shape": [ROWS, COLS], "data_offsets": [len(data), len(data) + len(blob)]}
        data += blob
    text = json.dumps(header, separators=(",", ":")).encode()
    return struct.pack("<Q", len(text)) + text + data


def npy(descr, pack):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }" % (descr, ROWS, COLS)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + b"".join(pack(x) for x in values())


def npz():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        # numpy.savez stores; numpy.savez_compressed deflates. One of each.
        z.writestr(zipfile.ZipInfo("wpe.weight.npy", (1980, 1, 1, 0, 0, 0)), npy("<f4", lambda x: struct.pack("<f", x)),
                   compress_type=zipfile.ZIP_STORED)
        z.writestr(zipfile.ZipInfo("double.npy", (1980, 1, 1, 0, 0, 0)), npy("<f8", lambda x: struct.pack("<d", x)),
                   compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


for name, blob in [("tiny.safetensors", safetensors()),
                   ("tiny.npy", npy("<f8", lambda x: struct.pack("<d", x))),
                   ("tiny.npz", npz())]:
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(blob)
    print(name, len(blob), "bytes")
