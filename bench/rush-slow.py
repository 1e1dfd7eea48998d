#!/usr/bin/env python3
"""Slow clients for bench/rush: phones on a bad network at the deadline.

  rush-slow.py HOST PORT CONNECTIONS SECONDS

Holds CONNECTIONS connections to nginx for SECONDS (or until SIGTERM): half upload a record
slowly (the request head at once, then the body 512 bytes every 2 s), half
send their request head a line every 3 s. A connection the server closes
(a timeout, an answer) is opened again after a second. Prints one line of
counts at the end: connections opened, closed by the server, still held,
and the answers the server gave them by status.
"""
import asyncio
import collections
import resource
import signal
import sys


async def slow_client(host, port, i, stop, stats):
    upload = i % 2 == 0
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            stats["connect_failed"] += 1
            await asyncio.sleep(1)
            continue
        stats["opened"] += 1
        stats["held"] += 1
        try:
            if upload:
                writer.write((
                    "POST /teacher/records/new HTTP/1.1\r\nHost: %s:%d\r\n"
                    "Content-Type: multipart/form-data; boundary=slow\r\n"
                    "Content-Length: 3000000\r\n\r\n" % (host, port)).encode())
                chunk = b"x" * 512
            else:
                writer.write(b"GET /teacher HTTP/1.1\r\n")
                chunk = b"X-Slow: 1\r\n"
            await writer.drain()
            while not stop.is_set():
                try:
                    line = await asyncio.wait_for(reader.readline(), 2.0 if upload else 3.0)
                except asyncio.TimeoutError:
                    writer.write(chunk)
                    await writer.drain()
                    continue
                if not line:
                    stats["closed_by_server"] += 1
                    break
                if line.startswith(b"HTTP/1."):
                    stats["status_" + line.split()[1].decode()] += 1
        except (ConnectionError, OSError):
            stats["closed_by_server"] += 1
        finally:
            stats["held"] -= 1
            writer.close()
        if not stop.is_set():
            await asyncio.sleep(1)


async def main():
    host, port, n, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, n + 64), hard))
    stats = collections.Counter()
    stop = asyncio.Event()
    ended = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, ended.set)
    tasks = [asyncio.create_task(slow_client(host, port, i, stop, stats)) for i in range(n)]
    try:
        await asyncio.wait_for(ended.wait(), seconds)
    except asyncio.TimeoutError:
        pass
    held = stats["held"]
    stop.set()
    await asyncio.wait(tasks, timeout=10)
    answers = " ".join("%s=%d" % (k[7:], v) for k, v in sorted(stats.items()) if k.startswith("status_"))
    print("slow: %d connections, %d opened, %d closed by the server, %d held at the end, "
          "%d connects failed; answers: %s" % (n, stats["opened"], stats["closed_by_server"], held,
                                               stats["connect_failed"], answers or "none"))


asyncio.run(main())
