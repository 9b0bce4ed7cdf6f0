#!/usr/bin/env python3
"""Ask a Kafka broker for cluster metadata over the wire protocol (no JVM).

Usage: kafka_probe.py HOST:PORT [TIMEOUT_SECONDS]
Exit 0 and print "brokers=N cluster=ID controller=ID" when the broker answers a
Metadata request listing at least one broker; exit 1 otherwise.

Metadata v4 is used: the oldest version a Kafka 4.x broker still accepts and a
non-flexible one, so the request and the start of the response are plain
fixed-width fields.
"""
import socket
import struct
import sys


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed by broker")
        buf += chunk
    return buf


def kafka_string(data, off):
    (length,) = struct.unpack_from(">h", data, off)
    off += 2
    if length < 0:
        return None, off
    return data[off:off + length].decode("utf-8"), off + length


def probe(host, port, timeout):
    client_id = b"kpops-services-probe"
    # header v1: api_key, api_version, correlation_id, client_id
    header = struct.pack(">hhih", 3, 4, 7, len(client_id)) + client_id
    # body v4: topics = null (all topics), allow_auto_topic_creation = false
    body = struct.pack(">ib", -1, 0)
    request = header + body
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(struct.pack(">i", len(request)) + request)
        (size,) = struct.unpack(">i", read_exact(sock, 4))
        data = read_exact(sock, size)
    correlation_id, _throttle, n_brokers = struct.unpack_from(">iii", data, 0)
    if correlation_id != 7:
        raise ValueError("unexpected correlation id %d" % correlation_id)
    off = 12
    for _ in range(n_brokers):
        off += 4  # node_id
        _host, off = kafka_string(data, off)
        off += 4  # port
        _rack, off = kafka_string(data, off)
    cluster_id, off = kafka_string(data, off)
    (controller_id,) = struct.unpack_from(">i", data, off)
    return n_brokers, cluster_id, controller_id


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    host, _, port = sys.argv[1].rpartition(":")
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    try:
        n_brokers, cluster_id, controller_id = probe(host, int(port), timeout)
    except Exception as exc:  # any failure means "not ready yet"
        print("kafka_probe: %s: %s" % (sys.argv[1], exc), file=sys.stderr)
        return 1
    if n_brokers < 1:
        print("kafka_probe: %s: metadata lists no broker yet" % sys.argv[1], file=sys.stderr)
        return 1
    print("brokers=%d cluster=%s controller=%d" % (n_brokers, cluster_id, controller_id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
