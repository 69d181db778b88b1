"""Independent TFRecord + Event reader for the tests: standard library only, nothing shared with the writer.

Usage: python3 read_events.py FILE  ->  JSON list of events on stdout; exits 1 on a bad CRC or framing.
CRC32C (Castagnoli, reflected polynomial 0x82F63B78) is computed bit by bit here, and the protobuf
wire format is decoded by hand, so a bug in the JS libraries cannot hide behind itself.
"""
import json
import struct
import sys


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def masked(data: bytes) -> int:
    crc = crc32c(data)
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def varint(buf: bytes, pos: int):
    result, shift = 0, 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def fields(buf: bytes):
    pos = 0
    while pos < len(buf):
        key, pos = varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 2:
            length, pos = varint(buf, pos)
            value, pos = buf[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield number, wire, value


def event(buf: bytes) -> dict:
    out = {"values": []}
    for number, _, value in fields(buf):
        if number == 1:
            out["wall_time"] = struct.unpack("<d", value)[0]
        elif number == 2:
            out["step"] = value
        elif number == 3:
            out["file_version"] = value.decode("utf-8")
        elif number == 5:
            for n, _, v in fields(value):
                if n != 1:
                    continue
                entry = {}
                for vn, _, vv in fields(v):
                    if vn == 1:
                        entry["tag"] = vv.decode("utf-8")
                    elif vn == 2:
                        entry["simple_value"] = struct.unpack("<f", vv)[0]
                out["values"].append(entry)
    return out


def main(path: str) -> None:
    data = open(path, "rb").read()
    pos, events = 0, []
    while pos < len(data):
        if pos + 12 > len(data):
            sys.exit(f"truncated header at byte {pos}")
        header = data[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[pos + 8:pos + 12])
        if masked(header) != length_crc:
            sys.exit(f"bad length CRC at byte {pos}")
        body = data[pos + 12:pos + 12 + length]
        (body_crc,) = struct.unpack("<I", data[pos + 12 + length:pos + 16 + length])
        if len(body) != length or masked(body) != body_crc:
            sys.exit(f"bad data CRC at byte {pos}")
        events.append(event(body))
        pos += 16 + length
    json.dump(events, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
